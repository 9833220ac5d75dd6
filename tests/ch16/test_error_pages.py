"""Chapter 7's 500 page, error e-mail and log, with a write that fails. Until chapter 16 every
signed-in GET wrote last_seen, and chapter 7's tests made that write fail; now a GET seen
within the minute writes nothing, so here the failing write is the profile form, posted
while another process holds the database's write lock."""
import pytest

from shared.net import free_port
from shared.pages import Page, csrf_token, post_form

AFTER_A_GET = pytest.mark.green_at_start(
    reason="a failed write was chapter 7's 500 before; these take over from its tests, "
           'whose failing write was the GET that no longer writes')


def failing_write(server, alice, form=None):
    """Alice's profile form (this one, or the page as it is now), posted while the
    database is locked: its commit fails."""
    form = form or alice.get('/edit_profile').text
    with server.database_locked():
        return alice.post('/edit_profile', data={
            'csrf_token': csrf_token(form), 'username': 'alice', 'about_me': 'lost'})


@AFTER_A_GET
def test_a_failed_write_shows_the_custom_500_page(run_app):
    server = run_app()
    alice = server.signed_in_client('alice')

    response = failing_write(server, alice)

    page = Page(response.text)
    assert response.status_code == 500
    assert page.headings == ['An unexpected error has occurred']
    assert page.nav_links.get('Profile') == '/user/alice'


@AFTER_A_GET
def test_the_500_page_keeps_the_layout_and_the_waiting_messages(run_app):
    server = run_app()
    alice = server.signed_in_client('alice')
    form = alice.get('/edit_profile').text
    post_form(alice, '/edit_profile', username='alice', about_me='Hi')   # flashes

    response = failing_write(server, alice, form)     # the message still waits

    page = Page(response.text)
    assert page.title == 'Welcome to Microblog'
    assert page.flashes == ['Your changes have been saved.']
    assert page.link('Back') == '/index'


@AFTER_A_GET
def test_a_failed_write_in_debug_mode_shows_the_debugger_and_sends_no_email(run_app,
                                                                           smtp_server):
    # Debug mode is for development: from chapter 17 the production configuration refuses it.
    server = run_app(FLASK_DEBUG='1', FLASK_RUN_RELOAD='false', FLASK_CONFIG='development',
                     **smtp_server.settings)
    alice = server.signed_in_client('alice')

    response = failing_write(server, alice)

    assert response.status_code == 500
    assert 'Werkzeug Debugger' in response.text
    assert smtp_server.messages == []


@AFTER_A_GET
def test_a_failed_write_sends_the_admins_one_email_with_the_traceback(run_app, smtp_server,
                                                                      app):
    server = run_app(**smtp_server.settings)
    alice = server.signed_in_client('alice')

    response = failing_write(server, alice)

    assert 'The administrator has been notified.' in Page(response.text).text
    assert len(smtp_server.messages) == 1
    mail = smtp_server.messages[0]
    assert mail.message['Subject'] == 'Microblog Failure'
    assert mail.recipients == app.config['ADMINS']
    body = mail.message.get_payload()
    assert 'Exception on /edit_profile [POST]' in body
    assert 'sqlite3.OperationalError: database is locked' in body


@AFTER_A_GET
def test_with_the_mail_server_down_a_failed_write_still_reaches_page_and_log(run_app):
    server = run_app(MAIL_SERVER='127.0.0.1', MAIL_PORT=str(free_port()))
    alice = server.signed_in_client('alice')

    response = failing_write(server, alice)

    assert response.status_code == 500
    log = server.log_file.read_text()
    assert 'ERROR: Exception on /edit_profile [POST]' in log
    assert 'database is locked' in log
