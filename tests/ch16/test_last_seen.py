"""last_seen is written once a minute at most: a commit on every page cost a write to
disk and, after it, a second query for the signed-in user."""
from datetime import datetime, timedelta, timezone

import pytest


@pytest.fixture
def alice_seen(make_user, log_in, app, db, models):
    """alice_seen(ago): Alice, signed in, last seen `ago` before now. Returns a function
    that reads her last_seen back from the database."""
    def alice_seen(ago):
        alice = make_user('alice')
        log_in(alice)
        with app.app_context():
            db.session.get(models.User, alice.id).last_seen = datetime.now(timezone.utc) - ago
            db.session.commit()

        def last_seen():
            with app.app_context():
                return db.session.get(models.User, alice.id).last_seen
        return last_seen
    return alice_seen


def test_a_page_seen_within_a_minute_writes_nothing(alice_seen, queries_of):
    last_seen = alice_seen(timedelta(seconds=30))
    before = last_seen()

    sent = queries_of('/user/alice')

    assert last_seen() == before
    assert not [statement for statement in sent if statement.startswith('UPDATE')]


@pytest.mark.green_at_start(reason='every page wrote last_seen before the chapter; '
                                   'after a minute it still must')
def test_a_page_seen_a_minute_later_brings_last_seen_up_to_date(alice_seen, queries_of):
    last_seen = alice_seen(timedelta(seconds=61))
    before = datetime.now(timezone.utc)

    queries_of('/user/alice')

    assert last_seen() >= before


def test_a_signed_in_page_reads_the_user_once(alice_seen, queries_of):
    alice_seen(timedelta(seconds=30))

    sent = queries_of('/')

    # PostgreSQL's SQL quotes the table's name ("user" is a word of its SQL); SQLite's not.
    sent = [statement.replace('"user"', 'user') for statement in sent]
    reads_of_users = [statement for statement in sent
                      if statement.startswith('SELECT user.id') and 'FROM user' in statement
                      and 'JOIN' not in statement.split('FROM user')[0]]
    assert len(reads_of_users) == 1, sent
