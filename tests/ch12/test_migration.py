"""The migration chapter 12 adds: the follow table, and everyone who joined before it
following themself."""
from datetime import datetime, timedelta, timezone

import pytest

from shared.database import rows

CH11_HEAD = 'dc7530b658db'

USERS = [{'id': id, 'username': name, 'email': f'{name}@example.com', 'login_id': str(id) * 32,
          'role_id': 1} for id, name in [(1, 'alice'), (2, 'bob')]]
POSTS = [{'id': 1, 'body': 'Hello', 'body_html': '<p>Hello</p>',
          'timestamp': '2024-05-17 09:30:00.000000', 'user_id': 2}]


@pytest.fixture(scope='module')
def upgraded(upgraded_from):
    """A database at chapter 11's head with USERS and POSTS, upgraded to the newest
    revision: an engine on it."""
    return upgraded_from(CH11_HEAD, user=USERS, post=POSTS)



def test_upgrade_makes_everyone_follow_themself(upgraded):
    assert rows(upgraded, 'SELECT follower_id, followed_id FROM follow ORDER BY 1') == \
        [(1, 1), (2, 2)]


def test_each_self_follow_began_at_the_upgrade_in_utc(upgraded):
    now = datetime.now(timezone.utc).replace(tzinfo=None)

    for stamp, in rows(upgraded, 'SELECT timestamp FROM follow'):
        assert now - timedelta(minutes=5) < datetime.fromisoformat(stamp) <= now, stamp


@pytest.mark.green_at_start(reason='chapter 11 has no revision after its head, so nothing is '
                                   'lost yet; this pins down that the new one keeps it all')
def test_upgrade_keeps_every_user_and_post(upgraded):
    assert rows(upgraded, 'SELECT id, username FROM user ORDER BY id') == \
        [(1, 'alice'), (2, 'bob')]
    assert rows(upgraded, 'SELECT id, body, user_id FROM post') == [(1, 'Hello', 2)]
