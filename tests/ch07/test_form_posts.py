"""In production, posts a browser's form never sends (JSON bodies full of odd values) are
refused as empty forms: no 500, no e-mail to the admins, no error logged. (Flask logs an
unhandled error as "Exception on PATH [METHOD]", to the server's output as to the log.)"""
import pytest

from shared.pages import csrf_token

ODD_JSON = {'username': {'a': 1}, 'email': 5, 'password': '\ud800', 'password2': None,
            'about_me': ['a', 'b'], 'remember_me': True}


@pytest.mark.green_at_start(reason='the forms read form fields only since chapters 3, 5 '
                                   'and 6; this guards that such posts never reach the '
                                   "admins' inbox or the log")
@pytest.mark.parametrize('path, signed_in', [
    ('/login', False), ('/register', False), ('/edit_profile', True)])
def test_json_form_post_sends_no_email_and_logs_no_error(run_app, smtp_server, path,
                                                         signed_in):
    server = run_app(MAIL_SERVER=smtp_server.host, MAIL_PORT=str(smtp_server.port))
    client = server.signed_in_client('alice') if signed_in else server.client()
    token = csrf_token(client.get(path).text)

    response = client.session.post(server.url + path, json={'csrf_token': token, **ODD_JSON},
                                   allow_redirects=False, timeout=30)

    assert response.status_code == 200
    assert smtp_server.messages == []
    assert 'Exception on' not in server.output(), 'an error was logged'
