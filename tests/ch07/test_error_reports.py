"""Where errors go outside debug mode: the admins' inbox and logs/microblog.log."""
import pytest

from shared.net import free_port
from shared.pages import Page
from shared.production import HANDLER_NAMES, LOG_LINE


def mail_settings(smtp_server):
    return {'MAIL_SERVER': smtp_server.host, 'MAIL_PORT': str(smtp_server.port)}


@pytest.mark.ends('ch16', reason='from chapter 16 a GET writes nothing (last_seen once '
                                  'a minute at most), so it cannot fail to commit; '
                                  'tests/ch16/test_error_pages.py makes the failing '
                                  'write a POST')
def test_unhandled_error_sends_one_email_to_the_admins(run_app, smtp_server, app):
    server = run_app(**mail_settings(smtp_server))
    alice = server.signed_in_client('alice')

    with server.database_locked():
        alice.get('/index')

    assert len(smtp_server.messages) == 1
    mail = smtp_server.messages[0]
    assert mail.message['Subject'] == 'Microblog Failure'
    assert mail.sender == f'no-reply@{smtp_server.host}'
    assert mail.recipients == app.config['ADMINS']


@pytest.mark.ends('ch16', reason='from chapter 16 a GET writes nothing (last_seen once '
                                  'a minute at most), so it cannot fail to commit; '
                                  'tests/ch16/test_error_pages.py makes the failing '
                                  'write a POST')
def test_error_email_body_holds_the_traceback(run_app, smtp_server):
    server = run_app(**mail_settings(smtp_server))
    alice = server.signed_in_client('alice')

    with server.database_locked():
        alice.get('/index')

    body = smtp_server.messages[0].message.get_payload()
    assert 'Exception on /index [GET]' in body
    assert 'Traceback (most recent call last)' in body
    assert 'sqlite3.OperationalError: database is locked' in body


@pytest.mark.green_at_start(reason='nothing was e-mailed before chapter 7; this guards that '
                                   'only errors are')
def test_requests_without_errors_send_no_email(run_app, smtp_server):
    server = run_app(**mail_settings(smtp_server))
    alice = server.signed_in_client('alice')

    assert alice.get('/index').status_code == 200
    assert alice.get('/no-such-page').status_code == 404
    assert smtp_server.messages == []


@pytest.mark.ends('ch16', reason='from chapter 16 a GET writes nothing (last_seen once '
                                  'a minute at most), so it cannot fail to commit; '
                                  'tests/ch16/test_error_pages.py makes the failing '
                                  'write a POST')
def test_with_mail_server_down_the_error_still_reaches_page_and_log(run_app):
    server = run_app(MAIL_SERVER='127.0.0.1', MAIL_PORT=str(free_port()))
    alice = server.signed_in_client('alice')

    with server.database_locked():
        response = alice.get('/index')

    assert response.status_code == 500
    assert Page(response.text).headings == ['An unexpected error has occurred']
    log = server.log_file.read_text()
    assert 'ERROR: Exception on /index [GET]' in log
    assert 'database is locked' in log


@pytest.mark.ends('ch17', reason='from chapter 17 the production configuration (config.py) '
                                  'sets up the log and writes its first line; '
                                  'tests/ch17/test_production.py checks that line')
def test_log_file_starts_with_startup_line_in_the_documented_format(run_app):
    server = run_app()

    first_line = server.log_file.read_text().splitlines()[0]

    entry = LOG_LINE.match(first_line)
    assert entry, f'not in the format "time level: message [in path:line]": {first_line!r}'
    assert entry['level'] == 'INFO'
    assert entry['message'] == 'Microblog startup'
    assert entry['path'].endswith('__init__.py')


def test_log_file_rotates_past_10_kb_keeping_ten_backups(run_with_app, tmp_path):
    result = run_with_app("for n in range(1500): app.logger.info('entry %d %s', n, 'x' * 100)")

    assert result.returncode == 0, result.stderr
    logs = {path.name for path in (tmp_path / 'logs').iterdir()}
    assert logs == {'microblog.log'} | {f'microblog.log.{n}' for n in range(1, 11)}
    assert all(path.stat().st_size <= 10 * 1024 for path in (tmp_path / 'logs').iterdir())


def test_production_mode_attaches_email_and_file_handlers(run_with_app):
    result = run_with_app(HANDLER_NAMES, MAIL_SERVER='127.0.0.1')

    assert result.stdout.strip() == "['RotatingFileHandler', 'SMTPHandler']"


def test_without_mail_server_only_the_log_file_handler_is_attached(run_with_app):
    result = run_with_app(HANDLER_NAMES)

    assert result.stdout.strip() == "['RotatingFileHandler']"


@pytest.mark.green_at_start(reason='no handlers existed before chapter 7; this pins down '
                                   'that debug mode keeps them off')
def test_debug_mode_attaches_no_handlers_and_writes_no_log(run_with_app, tmp_path):
    result = run_with_app(HANDLER_NAMES, MAIL_SERVER='127.0.0.1', FLASK_DEBUG='1',
                          FLASK_CONFIG='development')   # production refuses debug (ch17)

    assert result.stdout.strip() == '[]'
    assert not (tmp_path / 'logs').exists()


@pytest.mark.green_at_start(reason='no handlers existed before chapter 7; this pins down '
                                   'that testing mode keeps them off')
def test_testing_mode_attaches_no_handlers(app):
    names = {type(handler).__name__ for handler in app.logger.handlers}

    assert app.testing
    assert not names & {'SMTPHandler', 'RotatingFileHandler'}


def test_email_handler_passes_credentials_and_tls_when_configured(run_with_app):
    result = run_with_app(
        'from logging.handlers import SMTPHandler\n'
        '[mail] = [h for h in app.logger.handlers if isinstance(h, SMTPHandler)]\n'
        'print(mail.mailhost, mail.mailport, mail.username, mail.password, mail.secure)',
        MAIL_SERVER='smtp.example.com', MAIL_PORT='587', MAIL_USE_TLS='1',
        MAIL_USERNAME='alice', MAIL_PASSWORD='app-password')

    assert result.stdout.split() == ['smtp.example.com', '587', 'alice', 'app-password', '()']


def test_email_handler_sends_plainly_when_no_credentials_are_set(run_with_app):
    result = run_with_app(
        'from logging.handlers import SMTPHandler\n'
        '[mail] = [h for h in app.logger.handlers if isinstance(h, SMTPHandler)]\n'
        'print(mail.mailport, mail.username, mail.secure, mail.level)',
        MAIL_SERVER='127.0.0.1')

    assert result.stdout.split() == ['25', 'None', 'None', '40']
