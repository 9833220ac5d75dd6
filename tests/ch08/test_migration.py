"""The migration chapter 8 adds, run on a database chapter 7 left with people in it."""
import re

import pytest
import sqlalchemy as sa

CH07_HEAD = 'f9aa3e17053d'

# Rows as chapter 7 stored them: e-mail addresses as people typed them.
USERS = [
    {'id': 1, 'username': 'Alice', 'email': 'Alice@Example.COM',
     'password_hash': 'scrypt:32768:8:1$salt1$' + 'a' * 128, 'about_me': 'I grow tomatoes',
     'last_seen': '2024-05-01 10:00:00.000000'},
    {'id': 2, 'username': 'bob', 'email': 'bob@example.com',
     'password_hash': 'scrypt:32768:8:1$salt2$' + 'b' * 128, 'about_me': None,
     'last_seen': '2024-05-02 11:30:00.000000'},
    {'id': 3, 'username': 'carol', 'email': 'CAROL@EXAMPLE.ORG',
     'password_hash': None, 'about_me': None, 'last_seen': None},
    # Chapter 7 let two people have addresses that differ only in case.
    {'id': 4, 'username': 'dave', 'email': 'dave@example.net',
     'password_hash': None, 'about_me': None, 'last_seen': None},
    {'id': 5, 'username': 'Dave2', 'email': 'Dave@Example.NET',
     'password_hash': None, 'about_me': None, 'last_seen': None},
]
POSTS = [
    {'id': 1, 'body': 'My first tomato!', 'timestamp': '2024-05-01 10:05:00.000000',
     'user_id': 1},
]


@pytest.fixture(scope='module')
def upgraded(upgraded_from):
    """A database at chapter 7's head, with USERS and POSTS in it, upgraded to the newest
    revision once for this module's tests: an engine on it."""
    return upgraded_from(CH07_HEAD, user=USERS, post=POSTS)


def rows(engine, query):
    with engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(sa.text(query))]


def user_columns(engine):
    return {column['name'] for column in sa.inspect(engine).get_columns('user')}


@pytest.mark.green_at_start(reason='chapter 7 has no revision after its head, so nothing is '
                                   'lost yet; this pins down that the new one keeps it all')
def test_upgrade_keeps_every_user_and_post(upgraded):
    kept = ['id', 'username', 'password_hash', 'about_me', 'last_seen']

    assert rows(upgraded, f'SELECT {", ".join(kept)} FROM user ORDER BY id') == \
        [{name: user[name] for name in kept} for user in USERS]
    assert rows(upgraded, 'SELECT id, body, timestamp, user_id FROM post') == POSTS


def test_upgrade_puts_email_addresses_in_lower_case(upgraded):
    emails = [row['email'] for row in rows(upgraded, 'SELECT email FROM user ORDER BY id')]

    assert emails[:4] == ['alice@example.com', 'bob@example.com', 'carol@example.org',
                          'dave@example.net']


def test_an_address_that_would_collide_in_lower_case_is_left_as_it_was(upgraded):
    # Lower-casing Dave2's address would take dave's: the unique index would stop the
    # upgrade halfway. It stays as it was, for a person to settle.
    upgraded_rows = rows(upgraded, 'SELECT email, login_id IS NOT NULL AS upgraded '
                                   'FROM user WHERE id > 3 ORDER BY id')

    assert upgraded_rows == [{'email': 'dave@example.net', 'upgraded': 1},
                             {'email': 'Dave@Example.NET', 'upgraded': 1}]


def test_upgraded_users_are_active_but_not_confirmed(upgraded):
    assert {'confirmed', 'active'} <= user_columns(upgraded), 'no confirmed or active column'

    flags = rows(upgraded, 'SELECT confirmed, active FROM user ORDER BY id')

    assert flags == [{'confirmed': 0, 'active': 1}] * len(USERS)


def test_upgraded_users_each_get_their_own_login_id(upgraded):
    assert 'login_id' in user_columns(upgraded), 'no login_id column'

    login_ids = [row['login_id'] for row in rows(upgraded, 'SELECT login_id FROM user')]

    assert all(re.fullmatch(r'[0-9a-f]{32}', login_id or '') for login_id in login_ids), \
        login_ids
    assert len(set(login_ids)) == len(USERS)
