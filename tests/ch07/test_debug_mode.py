"""Debug mode: on for development through .flaskenv, never for production."""
import shutil

import pytest


def test_flaskenv_turns_debug_mode_on_for_development(snapshot):
    settings = (snapshot.path / '.flaskenv').read_text().splitlines()

    assert 'FLASK_DEBUG=1' in settings


def debug_flag_with_flaskenv(snapshot, tmp_path, run_flask, **settings):
    """What app.debug is when `flask` starts next to the chapter's .flaskenv."""
    shutil.copy(snapshot.path / '.flaskenv', tmp_path)
    result = run_flask(['shell'], input='print("debug is", app.debug)', **settings)
    assert result.returncode == 0, result.stderr
    return result.stdout.split('debug is ')[1].split()[0]


def test_flask_commands_read_debug_mode_from_flaskenv(snapshot, tmp_path, run_flask):
    # Debug mode is for development: from chapter 17 the production configuration refuses it.
    assert debug_flag_with_flaskenv(snapshot, tmp_path, run_flask, FLASK_DEBUG=None,
                                    FLASK_CONFIG='development') == 'True'


@pytest.mark.green_at_start(reason='before chapter 7 debug mode was off either way; this pins '
                                   'down that production can still turn it off')
def test_environment_variable_wins_over_flaskenv(snapshot, tmp_path, run_flask):
    assert debug_flag_with_flaskenv(snapshot, tmp_path, run_flask, FLASK_DEBUG='0') == 'False'


@pytest.mark.ends('ch16', reason='from chapter 16 a GET writes nothing (last_seen once '
                                  'a minute at most), so it cannot fail to commit; '
                                  'tests/ch16/test_error_pages.py makes the failing '
                                  'write a POST')
@pytest.mark.green_at_start(reason="the debugger is Flask's own; chapter 7 explains it, and "
                                   'this pins down that it reports nothing by e-mail')
def test_debug_mode_shows_the_debugger_and_sends_no_email(run_app, smtp_server):
    server = run_app(FLASK_DEBUG='1', FLASK_RUN_RELOAD='false',
                     MAIL_SERVER=smtp_server.host, MAIL_PORT=str(smtp_server.port))
    alice = server.signed_in_client('alice')

    with server.database_locked():
        response = alice.get('/index')

    assert response.status_code == 500
    assert 'Werkzeug Debugger' in response.text
    assert smtp_server.messages == []
