"""The migration chapter 10 adds: name, location, member_since and avatar_hash, run on a
database chapter 9 left with people in it."""
from hashlib import sha256

import pytest

from shared.database import rows

CH09_HEAD = 'e9abd62b1ebc'

USERS = [
    {'id': 1, 'username': 'alice', 'email': 'alice@example.com', 'login_id': 'a' * 32,
     'last_seen': '2024-05-17 09:30:00.000000', 'role_id': 1},
    {'id': 2, 'username': 'bob', 'email': 'bob@example.com', 'login_id': 'b' * 32,
     'last_seen': None, 'role_id': 1},
]


@pytest.fixture(scope='module')
def upgraded(upgraded_from):
    """A database at chapter 9's head with USERS in it, upgraded once to the newest
    revision for this module's tests: an engine on it."""
    return upgraded_from(CH09_HEAD, user=USERS)



def test_upgrade_gives_everyone_the_avatar_hash_of_their_address(upgraded):
    assert rows(upgraded, 'SELECT avatar_hash FROM user ORDER BY id') == [
        (sha256(b'alice@example.com').hexdigest(),), (sha256(b'bob@example.com').hexdigest(),)]


def test_upgrade_leaves_the_new_profile_fields_empty(upgraded):
    assert rows(upgraded, 'SELECT name, location, member_since FROM user') == \
        [(None, None, None)] * len(USERS)


@pytest.mark.green_at_start(reason='chapter 9 has no revision after its head, so nothing is '
                                   'lost yet; this pins down that the new one keeps it all')
def test_upgrade_keeps_every_user(upgraded):
    assert rows(upgraded, 'SELECT id, username, email, login_id, last_seen, role_id '
                          'FROM user ORDER BY id') == [tuple(user.values()) for user in USERS]
