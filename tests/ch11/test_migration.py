"""The migration chapter 11 adds: body_html, filled in for the posts already written."""
import pytest

from shared.database import rows

CH10_HEAD = 'af3bea9f1751'

USERS = [{'id': 1, 'username': 'alice', 'email': 'alice@example.com', 'login_id': 'a' * 32,
          'role_id': 1}]
POSTS = [
    {'id': 1, 'body': 'My *first* post', 'timestamp': '2024-05-17 09:30:00.000000',
     'user_id': 1},
    {'id': 2, 'body': 'Sneaky <script>alert(1)</script>', 'timestamp':
     '2024-05-18 09:30:00.000000', 'user_id': 1},
]


@pytest.fixture(scope='module')
def upgraded(upgraded_from):
    """A database at chapter 10's head with POSTS in it, upgraded once to the newest
    revision for this module's tests: an engine on it."""
    return upgraded_from(CH10_HEAD, user=USERS, post=POSTS)



def test_upgrade_renders_the_posts_already_written(upgraded):
    assert rows(upgraded, 'SELECT body_html FROM post ORDER BY id') == [
        ('<p>My <em>first</em> post</p>',), ('<p>Sneaky </p>',)]


@pytest.mark.green_at_start(reason='chapter 10 has no revision after its head, so nothing is '
                                   'lost yet; this pins down that the new one keeps it all')
def test_upgrade_keeps_every_post(upgraded):
    assert rows(upgraded, 'SELECT id, body, timestamp, user_id FROM post ORDER BY id') == \
        [tuple(post.values()) for post in POSTS]
