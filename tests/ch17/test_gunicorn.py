"""The site as it runs in production: gunicorn's four worker processes on PostgreSQL,
behind one proxy, many people at the same moment."""
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
import sqlalchemy as sa

from shared.pages import Page, csrf_token, sign_in

PEOPLE = 20
ROUNDS = 10
POSTS_EACH = 5

ALREADY_SAFE = pytest.mark.green_at_start(
    reason="chapter 7's fix (the database's unique index has the last word) and chapter "
           "11's posts already hold; this shows them under four processes on PostgreSQL")


@pytest.fixture(scope='module')
def site(run_gunicorn, new_database, flask_on, snapshot):
    """gunicorn with 4 workers on a PostgreSQL database built by the migrations, trusting
    one proxy's X-Forwarded-* headers, answering to two names."""
    url = new_database()
    result = flask_on(url, 'db', 'upgrade', '--directory', str(snapshot.path / 'migrations'))
    assert result.returncode == 0, result.stderr
    return run_gunicorn(workers=4, database_url=url, PROXIES='1',
                        TRUSTED_HOSTS='127.0.0.1, blog.example.com')


@pytest.fixture(scope='module')
def database(site):
    engine = sa.create_engine(site.database)
    yield engine
    engine.dispose()


@pytest.fixture(scope='module')
def people(site):
    """Twenty people with accounts, each signed in with a client of their own."""
    return [site.signed_in_client(f'person{number}') for number in range(PEOPLE)]


def all_at_once(calls):
    """Make the calls from threads of their own, released at the same moment; their
    results, in order."""
    start = threading.Barrier(len(calls))

    def call_when_all_are_ready(call):
        start.wait()
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(call_when_all_are_ready, calls))


@ALREADY_SAFE
def test_twenty_people_taking_one_username_at_once_leave_one_holder_each_round(people,
                                                                               database):
    # Each has the profile form open; its token holds for the whole session.
    tokens = [csrf_token(person.get('/edit_profile').text) for person in people]
    for round in range(ROUNDS):
        wanted = f'taken{round}'

        answers = all_at_once([
            lambda person=person, token=token: person.post(
                '/edit_profile', data={'csrf_token': token, 'username': wanted})
            for person, token in zip(people, tokens)])

        assert Counter(answer.status_code for answer in answers) == \
            {302: 1, 200: PEOPLE - 1}, f'round {round}'
        refused = [Page(answer.text).errors('username') for answer in answers
                   if answer.status_code == 200]
        assert refused == [['Please use a different username.']] * (PEOPLE - 1)
        with database.connect() as connection:
            assert connection.scalar(sa.text(
                'SELECT count(*) FROM "user" WHERE username = :wanted'),
                {'wanted': wanted}) == 1


@ALREADY_SAFE
def test_a_burst_of_posts_from_twenty_people_loses_none(people, database):
    tokens = [csrf_token(person.get('/index').text) for person in people]

    def write_posts(number, person, token):
        return [person.post('/index', data={'csrf_token': token,
                                            'body': f'post {post} of person {number}'})
                for post in range(POSTS_EACH)]

    answers = all_at_once([lambda number=number, person=person, token=token:
                           write_posts(number, person, token)
                           for number, (person, token) in enumerate(zip(people, tokens))])

    assert [answer.status_code for each in answers for answer in each] == \
        [302] * (PEOPLE * POSTS_EACH)
    with database.connect() as connection:
        saved = set(connection.scalars(sa.text('SELECT body FROM post')))
    assert saved == {f'post {post} of person {number}'
                     for number in range(PEOPLE) for post in range(POSTS_EACH)}


def test_session_and_remember_cookies_are_secure(site):
    person = site.add_user('carol')

    response = sign_in(site.client(), person, remember_me='y')

    assert response.status_code == 302
    cookies = {header.split('=')[0]: header for header in
               response.raw.headers.getlist('Set-Cookie')}
    assert set(cookies) == {'session', 'remember_token'}
    for name, cookie in cookies.items():
        attributes = {attribute.strip().lower() for attribute in cookie.split(';')[1:]}
        assert {'secure', 'httponly', 'samesite=lax'} <= attributes, cookie


def link_to_user(site, person, forwarded_host):
    response = requests.get(f'{site.url}/api/v1/users/{person.id}',
                            auth=person.credentials, timeout=10,
                            headers={'X-Forwarded-Proto': 'https',
                                     'X-Forwarded-Host': forwarded_host})
    return response.status_code, response.json().get('url') \
        if response.headers['Content-Type'] == 'application/json' else None


def test_links_name_the_address_the_proxy_was_asked_for(site):
    dave = site.add_user('dave')

    assert link_to_user(site, dave, 'blog.example.com') == \
        (200, f'https://blog.example.com/api/v1/users/{dave.id}')


def test_only_the_nearest_proxys_header_is_believed(site):
    erin = site.add_user('erin')

    # A browser can send X-Forwarded-Host itself; the one proxy adds its own after it.
    assert link_to_user(site, erin, 'evil.example.com, blog.example.com') == \
        (200, f'https://blog.example.com/api/v1/users/{erin.id}')


def test_a_request_for_a_name_the_site_does_not_answer_to_is_refused(site):
    response = requests.get(f'{site.url}/reset_password_request', timeout=10,
                            headers={'Host': 'evil.example.com'})

    assert response.status_code == 400


@pytest.mark.parametrize('path, username', [('/post/2147483648', 'frank'),
                                            ('/api/v1/posts/2147483648', 'grace')])
def test_an_id_beyond_postgresqls_integers_is_404_not_500(site, path, username):
    person = site.add_user(username)

    response = requests.get(site.url + path, auth=person.credentials, timeout=10)

    assert response.status_code == 404


@pytest.mark.green_at_start(reason="chapter 7's error e-mail and log, now set up by the "
                                   'production configuration; this shows them under gunicorn')
def test_an_error_under_gunicorn_reaches_the_admins_and_the_log(run_gunicorn, smtp_server):
    server = run_gunicorn(workers=2, **smtp_server.settings)
    alice = server.signed_in_client('alice')
    form = alice.get('/edit_profile').text

    with server.database_locked():
        response = alice.post('/edit_profile', data={
            'csrf_token': csrf_token(form), 'username': 'alice', 'about_me': 'lost'})

    assert response.status_code == 500
    assert len(smtp_server.messages) == 1
    body = smtp_server.messages[0].message.get_payload()
    assert 'Exception on /edit_profile [POST]' in body
    assert 'database is locked' in body
    log = server.log_file.read_text()
    assert 'ERROR: Exception on /edit_profile [POST]' in log
