"""Debug mode: on for development through .flaskenv, never for production."""
import pytest


def test_flaskenv_turns_debug_mode_on_for_development(snapshot):
    settings = (snapshot.path / '.flaskenv').read_text().splitlines()

    assert 'FLASK_DEBUG=1' in settings


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
