"""The error pages keep a person on the site: the site's title, its navigation, the
messages waiting to be shown, and a Back link home. The 500 page keeps them even when
the database itself cannot be read, and it tells the truth about the administrator."""
import sqlite3
from contextlib import contextmanager

import pytest

from shared.pages import Page, post_form

ANONYMOUS_NAV = {'Home': '/index', 'Login': '/login'}
WAITING = 'Please log in to access this page.'
HEADINGS = {404: 'File Not Found', 413: 'Request Too Large'}


def error_page(client, status):
    """Answer a visitor with the page for status: a missing page, or a post too big."""
    if status == 404:
        return client.get('/no-such-page')
    return client.post('/login', data='x' * (16 * 1024 + 1),
                       content_type='application/x-www-form-urlencoded')


def nav_of(page, names):
    return {name: page.nav_links.get(name) for name in names}


@pytest.mark.parametrize('status', [404, 413])
def test_error_page_is_drawn_in_the_site_layout_with_waiting_messages(client, status):
    client.get('/index')            # sends a visitor to log in, with a message

    response = error_page(client, status)

    page = Page(response.text)
    assert response.status_code == status
    assert page.headings == [HEADINGS[status]]
    assert page.title == 'Welcome to Microblog'
    assert nav_of(page, ANONYMOUS_NAV) == ANONYMOUS_NAV
    assert page.flashes == [WAITING]


@pytest.mark.parametrize('status', [404, 413])
def test_error_page_links_back_to_the_home_page(client, status):
    response = error_page(client, status)

    assert Page(response.text).link('Back') == '/index'


def test_413_page_says_why_the_post_was_refused(client):
    response = error_page(client, 413)

    assert 'What you sent is more than this site accepts.' in Page(response.text).text


@pytest.mark.ends('ch16', reason='from chapter 16 a GET writes nothing (last_seen once '
                                  'a minute at most), so it cannot fail to commit; '
                                  'tests/ch16/test_error_pages.py makes the failing '
                                  'write a POST')
def test_500_page_is_drawn_in_the_site_layout_with_waiting_messages(run_app):
    server = run_app()
    alice = server.signed_in_client('alice')
    post_form(alice, '/edit_profile', username='alice', about_me='Hi')   # flashes

    with server.database_locked():
        response = alice.get('/index')

    page = Page(response.text)
    nav = {'Home': '/index', 'Profile': '/user/alice', 'Logout': '/logout'}
    assert response.status_code == 500
    assert page.title == 'Welcome to Microblog'
    assert nav_of(page, nav) == nav
    assert page.flashes == ['Your changes have been saved.']
    assert page.link('Back') == '/index'


@pytest.mark.ends('ch16', reason='from chapter 16 a GET writes nothing (last_seen once '
                                  'a minute at most), so it cannot fail to commit; '
                                  'tests/ch16/test_error_pages.py makes the failing '
                                  'write a POST')
def test_500_page_says_the_administrator_was_notified_and_they_were(run_app, smtp_server):
    server = run_app(MAIL_SERVER=smtp_server.host, MAIL_PORT=str(smtp_server.port))
    alice = server.signed_in_client('alice')

    with server.database_locked():
        response = alice.get('/index')

    assert response.status_code == 500
    assert 'The administrator has been notified.' in Page(response.text).text
    assert len(smtp_server.messages) == 1


@contextmanager
def not_a_database(database):
    """The file holds bytes that are no database at all."""
    database.write_bytes(b'These bytes are not an SQLite database.\n' * 100)
    yield


@contextmanager
def locked_for_reading(database):
    """Another process holds SQLite's exclusive lock: no one else may even read."""
    other = sqlite3.connect(database, isolation_level=None)
    try:
        other.execute('BEGIN EXCLUSIVE')
        yield
        other.execute('ROLLBACK')
    finally:
        other.close()


@pytest.mark.parametrize('breakage, sqlite_says', [
    (not_a_database, 'file is not a database'),
    (locked_for_reading, 'database is locked'),
], ids=['not-a-database', 'locked-for-reading'])
def test_500_page_keeps_the_layout_when_the_database_cannot_be_read(
        run_app, breakage, sqlite_says):
    server = run_app()
    alice = server.signed_in_client('alice')

    with breakage(server.database):
        response = alice.get('/index')

    page = Page(response.text)
    assert response.status_code == 500
    assert page.headings == ['An unexpected error has occurred']
    assert page.title == 'Welcome to Microblog'
    assert nav_of(page, ANONYMOUS_NAV) == ANONYMOUS_NAV, 'drawn for a signed-out visitor'
    assert sqlite_says in server.log_file.read_text()
