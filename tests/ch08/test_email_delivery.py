"""How e-mail leaves the site: from the configured sender, in a thread of its own so that
no request waits for the mail server, and without a 500 when the mail server is down or
refuses the message."""
import logging
import smtplib
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from shared.net import free_port
from shared.pages import Page, csrf_token, post_form, submit

ROOT = Path(__file__).resolve().parents[2]
SUSAN = {'username': 'susan', 'email': 'susan@example.com',
         'password': 'correct horse', 'password2': 'correct horse'}

# Susan registers with the app in production mode; then, as Python does before it exits,
# the process waits for the threads still running (the e-mail's).
REGISTERING_IN_PRODUCTION_MODE = f'''
import sys, threading
sys.path.insert(0, {str(ROOT)!r})
from shared.pages import post_form
response = post_form(app.test_client(), '/register', **{SUSAN!r})
print(response.status_code, response.location)
for thread in threading.enumerate():
    if thread is not threading.main_thread():
        thread.join(timeout=30)
'''


@pytest.fixture
def connections(monkeypatch):
    """Every connection to a mail server from now on waits until connections.open is set;
    connections.threads lists the threads that asked to connect."""
    class Connections:
        open = threading.Event()
        threads = []

    real_connect = smtplib.SMTP.connect

    def connect_when_open(self, *args, **kwargs):
        Connections.threads.append(threading.current_thread())
        if threading.current_thread() is not threading.main_thread():
            Connections.open.wait(timeout=30)
        return real_connect(self, *args, **kwargs)

    monkeypatch.setattr(smtplib.SMTP, 'connect', connect_when_open)
    yield Connections
    Connections.open.set()


def test_mail_sender_is_read_from_the_environment(config_class):
    config = config_class(MAIL_SENDER='Microblog Team <team@microblog.example>')

    assert getattr(config, 'MAIL_SENDER', None) == 'Microblog Team <team@microblog.example>'


def test_without_mail_sender_a_no_reply_address_is_used(config_class):
    config = config_class(MAIL_SENDER=None)

    assert getattr(config, 'MAIL_SENDER', None) == 'Microblog <no-reply@example.com>'


def test_registration_answers_before_its_email_is_sent(client, smtp_server, connections):
    response = post_form(client, '/register', **SUSAN)

    # The answer is back while the e-mail still waits to reach the mail server.
    assert response.status_code == 302
    assert connections.threads, 'registering sent no e-mail'
    assert threading.main_thread() not in connections.threads, \
        'the request connected to the mail server itself'
    assert smtp_server.received == []
    connections.open.set()
    assert [mail.recipients for mail in smtp_server.messages] == [['susan@example.com']]


def test_email_thread_is_not_a_daemon_thread(app, smtp_server, connections):
    # `flask run` answers each request in a daemon thread, and a thread started there is a
    # daemon thread unless it says otherwise. A daemon thread dies with the server: the
    # e-mail still on its way would be lost when the server stops.
    request = threading.Thread(target=post_form, args=(app.test_client(), '/register'),
                               kwargs=SUSAN, daemon=True)
    request.start()
    request.join(timeout=30)
    connections.open.set()

    assert connections.threads, 'registering sent no e-mail'
    assert not any(thread.daemon for thread in connections.threads)
    assert len(smtp_server.messages) == 1


def test_html_part_escapes_the_username(make_user, log_in, client, smtp_server, models):
    # A name from before chapter 8, when usernames could hold any character.
    assert hasattr(models.User, 'confirmed'), 'no account can be unconfirmed: no such flag'
    tom = make_user('Tom & <b>Jerry</b>', email='tom@example.com', confirmed=False)
    log_in(tom)

    client.post('/confirm', data={'csrf_token': csrf_token(client.get('/unconfirmed').text)})

    mail = smtp_server.message_to('tom@example.com')
    assert mail is not None, 'no confirmation e-mail was sent'
    assert 'Tom &amp; &lt;b&gt;Jerry&lt;/b&gt;' in mail.part('text/html')
    assert '<b>Jerry</b>' not in mail.part('text/html')
    assert 'Tom & <b>Jerry</b>' in mail.part('text/plain')


def test_mail_server_down_registration_still_succeeds_and_logs_the_failure(
        run_with_app, tmp_path):
    result = run_with_app(REGISTERING_IN_PRODUCTION_MODE,
                          MAIL_SERVER='127.0.0.1', MAIL_PORT=str(free_port()))

    assert result.stdout.split() == ['302', '/login'], result.stderr
    engine = sa.create_engine(f'sqlite:///{tmp_path / "app.db"}')
    with engine.connect() as connection:
        users = connection.execute(sa.text('SELECT username, email FROM user')).all()
    engine.dispose()
    assert users == [('susan', 'susan@example.com')]
    log = (tmp_path / 'logs' / 'microblog.log').read_text()
    assert any('ERROR' in line and 'susan@example.com' in line
               for line in log.splitlines()), f'the failure is not in the log:\n{log}'
    assert 'ConnectionRefusedError' in log
    assert 'correct horse' not in log


def test_mail_server_refusing_the_message_registration_still_succeeds_and_logs_it(
        refusing_mail_server, post_form, profiles, caplog):
    response = post_form('/register', follow_redirects=True, **SUSAN)

    # The server answered, so the page cannot know: the refusal comes later, to the
    # thread that sends, and only the log tells of it.
    assert response.request.path == '/login'
    assert profiles() == [('susan', None)]
    assert refusing_mail_server.messages == []
    refusals = [record for record in caplog.records if record.levelno == logging.ERROR
                and 'susan@example.com' in record.getMessage()]
    assert refusals, f'the refusal is not in the log:\n{caplog.text}'
    assert refusals[0].exc_info[0] is smtplib.SMTPDataError
    assert 'correct horse' not in caplog.text


@pytest.fixture
def mail_server_down(app):
    """From now on the app's mail server is a port nobody listens on."""
    app.config['MAIL_PORT'] = free_port()


def test_mail_server_down_the_new_user_is_told_and_can_ask_again(
        mail_server_down, post_form, client, profiles, smtp_server):
    response = post_form('/register', follow_redirects=True, **SUSAN)

    assert Page(response.text).flashes == [
        'Congratulations, you are now a registered user!',
        'We could not send you the confirmation e-mail. Sign in and ask for another one.']
    assert profiles() == [('susan', None)]
    assert smtp_server.messages == []


@pytest.mark.parametrize('page, action, fields', [
    ('/unconfirmed', '/confirm', {}),
    ('/change_email', '/change_email', {'email': 'susan@example.org',
                                        'password': 'correct horse'}),
], ids=['send-another', 'change-email'])
def test_mail_server_down_the_person_asking_for_an_email_is_told(
        mail_server_down, make_user, log_in, client, smtp_server, database_contents,
        page, action, fields):
    log_in(make_user('susan', confirmed=page != '/unconfirmed'))
    before = database_contents(ignoring=('user.last_seen',))

    response = submit(client, action, client.get(page), fields, follow_redirects=True)

    assert 'We could not send the e-mail. Please try again later.' in Page(response.text).flashes
    assert smtp_server.messages == []
    assert database_contents(ignoring=('user.last_seen',)) == before
