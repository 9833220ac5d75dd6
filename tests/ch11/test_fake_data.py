"""`flask fake users N` and `flask fake posts N`: made-up people and posts to try the site
with, the same ones again for the same --seed."""
import re

import pytest
import sqlalchemy as sa

USERNAME = re.compile(r'^[A-Za-z][A-Za-z0-9_.]*$')


@pytest.fixture
def flask_fake(app):
    """flask_fake('users', '5', '--seed', '1'): run the command on the test's app."""
    runner = app.test_cli_runner()
    return lambda *args: runner.invoke(args=['fake', *args])


def users_in(app, db, models):
    with app.app_context():
        return db.session.scalars(sa.select(models.User).order_by(models.User.id)).all()


def test_fake_users_adds_that_many_plausible_users(app, db, models, flask_fake):
    result = flask_fake('users', '12', '--seed', '1')

    assert result.exit_code == 0, result.output
    assert result.output == 'Added 12 users.\n'
    users = users_in(app, db, models)
    assert len(users) == 12
    assert all(USERNAME.match(user.username) and len(user.username) <= 64 for user in users)
    assert all(user.confirmed and user.role.name == 'User' and user.name for user in users)
    assert len({user.email for user in users}) == 12
    assert users[0].check_password('password')


def test_fake_posts_are_written_by_the_users(app, db, models, flask_fake):
    flask_fake('users', '3', '--seed', '1')

    result = flask_fake('posts', '20', '--seed', '1')

    assert result.output == 'Added 20 posts.\n'
    with app.app_context():
        posts = db.session.scalars(sa.select(models.Post)).all()
        assert len(posts) == 20
        assert {post.author.username for post in posts} <= \
            {user.username for user in users_in(app, db, models)}
        assert all(0 < len(post.body) <= 140 and post.body_html.startswith('<p>')
                   for post in posts)


@pytest.mark.sqlite_only(reason="compares the ids of rows made again after a delete: SQLite "
                                "gives the same ids again, PostgreSQL's sequences go on "
                                "counting")
def test_the_same_seed_makes_the_same_users_and_posts(flask_fake, app, db, models):
    flask_fake('users', '3', '--seed', '7')
    flask_fake('posts', '5', '--seed', '7')
    with app.app_context():
        first = (db.session.scalars(sa.select(models.User.username)).all(),
                 db.session.execute(sa.select(models.Post.body, models.Post.user_id)).all())
        assert first[0] and first[1], 'nothing was made'
        db.session.execute(sa.delete(models.Post))
        db.session.execute(sa.delete(models.User))
        db.session.commit()

    flask_fake('users', '3', '--seed', '7')
    flask_fake('posts', '5', '--seed', '7')
    with app.app_context():
        again = (db.session.scalars(sa.select(models.User.username)).all(),
                 db.session.execute(sa.select(models.Post.body, models.Post.user_id)).all())

    assert again == first


def test_a_name_already_taken_is_skipped_and_another_made(app, db, models, flask_fake):
    flask_fake('users', '3', '--seed', '7')

    # The same seed makes the same three people first: each is refused by the database,
    # and Faker is asked for someone else.
    result = flask_fake('users', '3', '--seed', '7')

    assert result.exit_code == 0, result.output
    assert result.output == 'Added 3 users.\n'
    users = users_in(app, db, models)
    assert len({user.username for user in users}) == len({user.email for user in users}) == 6


def test_posts_need_someone_to_write_them(app, db, models, flask_fake):
    result = flask_fake('posts', '5')

    assert result.exit_code != 0
    assert 'run `flask fake users` first' in result.output
    with app.app_context():
        assert db.session.scalars(sa.select(models.Post)).all() == []


@pytest.mark.parametrize('count', ['0', 'many'])
def test_a_count_that_is_not_a_positive_number_is_refused(flask_fake, count):
    result = flask_fake('users', count)

    assert result.exit_code == 2
    assert "Invalid value for 'COUNT'" in result.output
