"""Someone's followers are found through an index on follow.followed_id: the primary key's
index starts with follower_id, so without it each follower count read the whole table."""
import pytest
import sqlalchemy as sa

CH15_HEAD = 'b42c68c739cc'


def query_plan(connection, sql):
    return ' '.join(row[-1] for row in connection.execute(sa.text('EXPLAIN QUERY PLAN ' + sql)))


@pytest.mark.sqlite_only(reason="reads SQLite's query plan (EXPLAIN QUERY PLAN)")
def test_counting_followers_uses_an_index(app, db):
    with app.app_context(), db.engine.connect() as connection:
        plan = query_plan(connection, 'SELECT count(*) FROM follow WHERE followed_id = 1')
    assert 'USING COVERING INDEX ix_follow_followed_id' in plan, plan


@pytest.fixture(scope='module')
def upgraded(upgraded_from):
    """A database at chapter 15's head, with a user following themself, upgraded."""
    return upgraded_from(CH15_HEAD, user=[
        {'id': 1, 'username': 'alice', 'email': 'alice@example.com', 'login_id': 'a' * 32,
         'role_id': 1}], follow=[
        {'follower_id': 1, 'followed_id': 1, 'timestamp': '2024-05-17 09:30:00.000000'}])


def test_the_upgrade_adds_the_index(upgraded):
    with upgraded.connect() as connection:
        plan = query_plan(connection, 'SELECT count(*) FROM follow WHERE followed_id = 1')
    assert 'ix_follow_followed_id' in plan, plan


@pytest.mark.green_at_start(reason='chapter 15 has no revision after its head, so nothing '
                                   'is lost yet; this pins down that the new one keeps it all')
def test_the_upgrade_keeps_every_follow(upgraded):
    with upgraded.connect() as connection:
        assert connection.execute(sa.text(
            'SELECT follower_id, followed_id FROM follow')).all() == [(1, 1)]
