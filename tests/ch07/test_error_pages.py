"""Custom 404 and 500 pages, and what a failed commit leaves behind."""
import pytest

from shared.pages import Page, csrf_token


def test_missing_page_shows_custom_404_page(client):
    response = client.get('/no-such-page')

    assert response.status_code == 404
    assert Page(response.text).headings == ['File Not Found']


def test_custom_404_page_extends_the_base_layout(client):
    page = Page(client.get('/no-such-page').text)

    assert page.title == 'Welcome to Microblog'
    assert page.nav_links.get('Home') == '/index'


def test_unknown_user_shows_custom_404_page(make_user, log_in, client):
    log_in(make_user('alice'))

    response = client.get('/user/nobody')

    assert response.status_code == 404
    assert Page(response.text).headings == ['File Not Found']


@pytest.mark.ends('ch16', reason='from chapter 16 a GET writes nothing (last_seen once '
                                  'a minute at most), so it cannot fail to commit; '
                                  'tests/ch16/test_error_pages.py makes the failing '
                                  'write a POST')
def test_failed_commit_shows_custom_500_page(run_app):
    server = run_app()
    alice = server.signed_in_client('alice')

    with server.database_locked():
        response = alice.get('/index')

    page = Page(response.text)
    assert response.status_code == 500
    assert page.headings == ['An unexpected error has occurred']
    assert page.nav_links.get('Profile') == '/user/alice'


@pytest.mark.green_at_start(reason='Flask-SQLAlchemy ends every request by discarding its '
                                   'session, so this held before; it guards the 500 handler')
def test_after_failed_commit_nothing_was_written_and_next_request_works(run_app):
    server = run_app()
    alice = server.signed_in_client('alice')
    form = alice.get('/edit_profile').text
    before = server.database_contents()

    with server.database_locked():
        failed = alice.post('/edit_profile', data={
            'csrf_token': csrf_token(form), 'username': 'alice', 'about_me': 'lost'})

    assert failed.status_code == 500
    assert server.database_contents() == before
    assert alice.get('/edit_profile').status_code == 200
