"""The migration chapter 13 adds: the comment table, with room for every post's comments."""
import pytest
import sqlalchemy as sa

CH12_HEAD = 'eb3ceda745d1'

USERS = [{'id': 1, 'username': 'alice', 'email': 'alice@example.com', 'login_id': 'a' * 32,
          'role_id': 1}]
POSTS = [{'id': 1, 'body': 'Hello', 'body_html': '<p>Hello</p>',
          'timestamp': '2024-05-17 09:30:00.000000', 'user_id': 1}]
FOLLOWS = [{'follower_id': 1, 'followed_id': 1, 'timestamp': '2024-05-17 09:30:00.000000'}]


@pytest.fixture(scope='module')
def upgraded(upgraded_from):
    return upgraded_from(CH12_HEAD, user=USERS, post=POSTS, follow=FOLLOWS)


def test_upgrade_makes_a_comment_table_enabled_by_default(upgraded):
    with upgraded.begin() as connection:
        connection.execute(sa.text(
            "INSERT INTO comment (body, timestamp, author_id, post_id) "
            "VALUES ('Hi', '2024-05-18 09:30:00.000000', 1, 1)"))
        assert connection.execute(sa.text('SELECT body, disabled FROM comment')).all() == \
            [('Hi', False)]


@pytest.mark.green_at_start(reason='chapter 12 has no revision after its head, so nothing is '
                                   'lost yet; this pins down that the new one keeps it all')
def test_upgrade_keeps_every_post_and_follow(upgraded):
    with upgraded.connect() as connection:
        assert connection.execute(sa.text('SELECT id, body FROM post')).all() == [(1, 'Hello')]
        assert connection.execute(sa.text(
            'SELECT follower_id, followed_id FROM follow')).all() == [(1, 1)]
