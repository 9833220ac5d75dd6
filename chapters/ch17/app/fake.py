"""Made-up people and posts, to see the site as it looks with plenty in it:

    flask fake users 50
    flask fake posts 500 --seed 1
"""
import random
from datetime import datetime, timedelta, timezone

import click
import sqlalchemy as sa
from faker import Faker
from flask.cli import AppGroup
from werkzeug.security import generate_password_hash

from app import db
from app.models import Post, User

fake_cli = AppGroup('fake', help='Add made-up users and posts to the database.')


def faker(seed):
    fake = Faker()
    if seed is not None:
        fake.seed_instance(seed)
    return fake


@fake_cli.command('users')
@click.argument('count', type=click.IntRange(min=1))
@click.option('--seed', type=int, help='The same seed makes the same users.')
def users(count, seed):
    """Add COUNT users, each with the password 'password'."""
    fake = faker(seed)
    # One hash for them all: hashing is slow on purpose, and they share a password.
    password_hash = generate_password_hash('password')
    added = tries = 0
    while added < count and tries < 10 * count:
        tries += 1
        db.session.add(User(
            username=fake.user_name(), email=fake.email(), password_hash=password_hash,
            confirmed=True, name=fake.name(), location=fake.city(),
            about_me=fake.sentence()[:140],
            member_since=fake.date_time_between('-2y', '-1y', tzinfo=timezone.utc)))
        try:
            db.session.commit()
        except sa.exc.IntegrityError:
            # Faker repeats itself now and then: that username or address is taken.
            db.session.rollback()
        else:
            added += 1
    click.echo(f'Added {added} users.')


@fake_cli.command('posts')
@click.argument('count', type=click.IntRange(min=1))
@click.option('--seed', type=int, help='The same seed makes the same posts.')
def posts(count, seed):
    """Add COUNT posts, each by one of the users, from the year before now."""
    fake = faker(seed)
    pick = random.Random(seed)
    authors = db.session.scalars(sa.select(User.id).order_by(User.id)).all()
    if not authors:
        raise click.ClickException('There is nobody to write them: run `flask fake users` first.')
    now = datetime.now(timezone.utc)
    for _ in range(count):
        db.session.add(Post(body=fake.text(max_nb_chars=140), user_id=pick.choice(authors),
                            timestamp=now - timedelta(seconds=pick.randrange(365 * 86400))))
    db.session.commit()
    click.echo(f'Added {count} posts.')
