"""The migration chapter 9 adds: the role table with its three roles, and a role for
everyone who already has an account, run on a database chapter 8 left with people in it."""
import pytest
import sqlalchemy as sa

from shared.database import rows

CH08_HEAD = '830e0b755ede'

USERS = [
    {'id': 1, 'username': 'alice', 'email': 'alice@example.com', 'confirmed': 1,
     'active': 1, 'login_id': 'a' * 32},
    {'id': 2, 'username': 'bob', 'email': 'bob@example.com', 'confirmed': 0,
     'active': 1, 'login_id': 'b' * 32},
]


@pytest.fixture(scope='module')
def upgraded(upgraded_from):
    """A database at chapter 8's head with USERS in it, upgraded once to the newest
    revision for this module's tests: an engine on it."""
    return upgraded_from(CH08_HEAD, user=USERS)



def test_upgrade_makes_the_three_roles(upgraded):
    assert rows(upgraded, 'SELECT name, permissions, "default" FROM role ORDER BY id') == [
        ('User', 1 + 2 + 4, 1),
        ('Moderator', 1 + 2 + 4 + 8, 0),
        ('Administrator', 1 + 2 + 4 + 8 + 16, 0),
    ]


def test_upgrade_gives_everyone_the_default_role(upgraded):
    assert rows(upgraded, 'SELECT user.username, role.name FROM user '
                          'JOIN role ON role.id = user.role_id ORDER BY user.id') == \
        [('alice', 'User'), ('bob', 'User')]


@pytest.mark.green_at_start(reason='chapter 8 has no revision after its head, so nothing is '
                                   'lost yet; this pins down that the new one keeps it all')
def test_upgrade_keeps_every_user(upgraded):
    assert rows(upgraded, 'SELECT id, username, email, confirmed, active, login_id '
                          'FROM user ORDER BY id') == [tuple(user.values()) for user in USERS]


def test_a_new_database_starts_with_the_roles(migrated_database):
    # What `flask db upgrade` builds for someone who starts the site from nothing.
    engine = sa.create_engine(f'sqlite:///{migrated_database}')
    try:
        assert rows(engine, 'SELECT name FROM role WHERE "default"') == [('User',)]
        assert rows(engine, 'SELECT count(*) FROM role') == [(3,)]
    finally:
        engine.dispose()
