"""The API over real HTTP: the app served by a real server, used by a program (requests)
and by a person at the command line (HTTPie, as the notes show it)."""
import json
import re
import shlex
from pathlib import Path

import requests

NOTES = Path(__file__).resolve().parents[2] / 'notes' / 'ch14.md'
# The address the notes use: the app as `flask run` serves it.
NOTES_SITE = 'http://127.0.0.1:5000'


def test_a_program_buys_a_token_and_writes_with_it(live_site, make_user):
    alice = make_user('alice')
    with requests.Session() as http:
        token = http.post(f'{live_site}/api/v1/tokens/', auth=alice.credentials).json()
        http.headers['Authorization'] = f'Bearer {token["token"]}'

        created = http.post(f'{live_site}/api/v1/posts/', json={'body': 'Over the *wire*'})
        fetched = http.get(created.headers['Location'])

        assert created.status_code == 201
        assert fetched.json() == created.json()
        assert fetched.json()['body_html'] == '<p>Over the <em>wire</em></p>'
        # Nothing for the program to keep between requests: the API is stateless.
        assert len(http.cookies) == 0


def test_a_post_sent_without_the_slash_arrives_after_the_redirect(live_site, make_user,
                                                                    saved_posts):
    alice = make_user('alice')

    response = requests.post(f'{live_site}/api/v1/posts', json={'body': 'Hi'},
                             auth=alice.credentials)

    # requests followed the 308, and sent the POST again with its body.
    assert [r.status_code for r in response.history] == [308]
    assert response.status_code == 201
    assert saved_posts() == [('alice', 'Hi', '<p>Hi</p>')]


def test_errors_reach_a_program_as_json(live_site, make_user):
    alice = make_user('alice')

    refused = requests.get(f'{live_site}/api/v1/posts/', auth=(alice.email, 'wrong'))
    not_allowed = requests.delete(f'{live_site}/api/v1/posts/', auth=alice.credentials)

    assert refused.status_code == 401
    assert refused.headers['WWW-Authenticate'] == 'Basic realm="Authentication Required"'
    assert refused.json()['error'] == 'Unauthorized'
    assert not_allowed.status_code == 405
    assert not_allowed.json()['error'] == 'Method Not Allowed'


# --- the HTTPie session of the notes ----------------------------------------------------

def httpie_session():
    """(command, output shown) of every ```console block of the notes that runs http."""
    blocks = re.findall(r'^```console\n(.*?)^```', NOTES.read_text(encoding='utf-8'),
                        re.MULTILINE | re.DOTALL)
    session = []
    for block in blocks:
        if block.startswith('$ http '):
            command, _, output = block.removeprefix('$ ').partition('\n')
            while command.endswith('\\'):
                more, _, output = output.partition('\n')
                command = command[:-1] + more.strip().removeprefix('> ')
            session.append((command, output))
    return session


def run_http(command, site, tmp_path):
    """What `http ...` prints in a terminal (headers and body), run in this process."""
    from httpie.context import Environment
    from httpie.core import main

    # Otherwise, until it has once heard back, HTTPie forks this process at every command
    # to ask a site on the internet for its newest version: the tests reach no other host.
    (tmp_path / 'config.json').write_text('{"disable_update_warnings": true}')
    out = tmp_path / 'out'
    with open(out, 'w+b') as stdout, open(tmp_path / 'err', 'w+') as stderr:
        environment = Environment(stdout=stdout, stdout_isatty=True, stderr=stderr,
                                  stdin=None, stdin_isatty=True, config_dir=tmp_path)
        main(shlex.split(command.replace(NOTES_SITE, site)), env=environment)
    text = re.sub(r'\x1b\[[0-9;]*m', '', out.read_text(encoding='utf-8'))
    return text.replace(site, NOTES_SITE)


def assert_printed_as_shown(printed, shown, command):
    """The status line as shown, each header shown with its value ('...' for any), and
    the JSON shown, if any, where "..." stands for any value."""
    printed_head, _, printed_body = printed.strip().partition('\n\n')
    shown_head, _, shown_body = shown.strip().partition('\n\n')
    status, *headers = printed_head.splitlines()
    shown_status, *shown_headers = shown_head.splitlines()
    assert status == shown_status, command
    printed_headers = dict(line.split(': ', 1) for line in headers)
    for line in shown_headers:
        name, value = line.split(': ', 1)
        assert printed_headers.get(name) == value or (
            value == '...' and name in printed_headers), f'{command}\n{name}'
    if shown_body:
        assert matches(json.loads(printed_body), json.loads(shown_body)), command


def matches(printed, shown):
    if shown == '...':
        return True
    if isinstance(shown, dict):
        return (isinstance(printed, dict) and printed.keys() == shown.keys() and
                all(matches(printed[key], shown[key]) for key in shown))
    if isinstance(shown, list):
        return (isinstance(printed, list) and len(printed) == len(shown) and
                all(map(matches, printed, shown)))
    return printed == shown


def test_the_notes_httpie_session_answers_as_shown(live_site, make_user, tmp_path):
    make_user('susan', password='cat')
    session = httpie_session()
    token = None
    assert len(session) >= 6

    for command, shown in session:
        if '$TOKEN' in command:
            command = command.replace('$TOKEN', token)
        printed = run_http(command, live_site, tmp_path)
        assert_printed_as_shown(printed, shown, command)
        if '/tokens/' in command and token is None:
            token = json.loads(printed.partition('\n\n')[2])['token']

