"""The User and Post models: what they store, how they relate, and what they refuse."""
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa


def test_user_is_stored_with_username_and_email(app, db, models):
    with app.app_context():
        db.session.add(models.User(username='susan', email='susan@example.com'))
        db.session.commit()

    with app.app_context():
        users = db.session.execute(sa.select(models.User.username, models.User.email)).all()

    assert [tuple(user) for user in users] == [('susan', 'susan@example.com')]


def test_user_shows_its_username_when_printed(app, models):
    # Inside the app: from chapter 9 a new User looks up its role in the database.
    with app.app_context():
        assert repr(models.User(username='susan')) == '<User susan>'


def test_post_shows_its_body_when_printed(models):
    assert repr(models.Post(body='my first post')) == '<Post my first post>'


@pytest.mark.sqlite_only(reason="matches SQLite's words for a broken unique constraint; "
                                "PostgreSQL names the index instead")
@pytest.mark.parametrize('column', ['username', 'email'])
def test_second_user_with_the_same_value_is_refused(app, db, models, make_user,
                                                    database_contents, column):
    susan = make_user('susan')
    before = database_contents()
    twin = {'username': 'other', 'email': 'other@example.com', column: getattr(susan, column)}

    with app.app_context():
        db.session.add(models.User(**twin))
        with pytest.raises(sa.exc.IntegrityError,
                           match=f'UNIQUE constraint failed: user.{column}'):
            db.session.commit()
        db.session.rollback()

    assert database_contents() == before


def test_post_is_stored_with_its_author(app, db, models, make_user):
    susan = make_user('susan')
    with app.app_context():
        author = db.session.get(models.User, susan.id)
        db.session.add(models.Post(body='my first post', author=author))
        db.session.commit()

    with app.app_context():
        post = db.session.scalar(sa.select(models.Post))
        assert (post.body, post.user_id, post.author.username) == ('my first post', susan.id,
                                                                   'susan')


def test_post_timestamp_defaults_to_the_current_utc_time(app, db, models, make_user):
    susan = make_user('susan')
    before = datetime.now(timezone.utc).replace(tzinfo=None)
    with app.app_context():
        db.session.add(models.Post(body='my first post', user_id=susan.id))
        db.session.commit()
    after = datetime.now(timezone.utc).replace(tzinfo=None)

    with app.app_context():
        timestamp = db.session.scalar(sa.select(models.Post.timestamp))

    assert before <= timestamp <= after


def test_user_posts_select_finds_only_that_users_posts(app, db, models, make_user):
    susan, john = make_user('susan'), make_user('john')
    with app.app_context():
        db.session.add_all([models.Post(body='from susan', user_id=susan.id),
                            models.Post(body='from john', user_id=john.id)])
        db.session.commit()

    with app.app_context():
        user = db.session.get(models.User, susan.id)
        posts = db.session.scalars(user.posts.select()).all()

    assert [post.body for post in posts] == ['from susan']


def test_post_added_to_user_posts_gets_that_author(app, db, models, make_user):
    susan = make_user('susan')
    with app.app_context():
        user = db.session.get(models.User, susan.id)
        user.posts.add(models.Post(body='my first post'))
        db.session.commit()

    with app.app_context():
        post = db.session.scalar(sa.select(models.Post))
        assert post.author.username == 'susan'


def test_user_posts_are_write_only_and_load_nothing_by_themselves(
        app, db, models, make_user, record_queries):
    susan = make_user('susan')
    with app.app_context():
        user = db.session.get(models.User, susan.id)

        with record_queries() as queries:
            with pytest.raises(TypeError):
                list(user.posts)

    assert queries == []
