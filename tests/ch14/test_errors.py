"""Errors as JSON: every status of Table 14-2, provoked on purpose, answers
{"error": ..., "message": ...}; the site's own 404, 405 and 500 answer JSON to a client
that asks for JSON and pages to browsers."""
import pytest

from shared.pages import Page

BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'
JSON_CLIENT = 'application/json'
# Browsers got the site's pages before this chapter; these cases guard that they still do.
STILL_HTML = pytest.mark.green_at_start(reason='pages for browsers, as before the chapter')


@pytest.fixture
def alice(make_user):
    return make_user('alice')


def provoke(status, client, alice, make_user, make_post, broken_database):
    """Make a request that the API must answer with status."""
    auth = alice.credentials
    if status == 400:
        return client.post('/api/v1/posts/', json={'title': 'no body'}, auth=auth)
    if status == 401:
        return client.get('/api/v1/posts/', auth=(alice.email, 'wrong'))
    if status == 403:
        post = make_post(make_user('bob'))
        return client.put(f'/api/v1/posts/{post}', json={'body': 'mine now'}, auth=auth)
    if status == 404:
        return client.get('/api/v1/posts/404', auth=auth)
    if status == 405:
        return client.delete('/api/v1/posts/', auth=auth)
    if status == 413:
        return client.post('/api/v1/posts/', json={'body': 'x' * 20_000}, auth=auth)
    if status == 415:
        return client.post('/api/v1/posts/', data={'body': 'a form'}, auth=auth)
    if status == 500:
        broken_database()
        return client.get('/api/v1/posts/', auth=auth)


@pytest.mark.parametrize('status, error', [
    (400, 'Bad Request'), (401, 'Unauthorized'), (403, 'Forbidden'), (404, 'Not Found'),
    (405, 'Method Not Allowed'), (413, 'Request Entity Too Large'),
    (415, 'Unsupported Media Type'), (500, 'Internal Server Error'),
])
def test_each_error_is_json_with_its_name_and_a_message(
        client, alice, make_user, make_post, broken_database, status, error):
    response = provoke(status, client, alice, make_user, make_post, broken_database)

    assert response.status_code == status
    assert response.mimetype == 'application/json'
    assert response.json['error'] == error
    assert response.json['message']
    assert set(response.json) == {'error', 'message'}


def test_a_failure_inside_the_api_is_a_json_500(client, alice, broken_database):
    broken_database()

    response = client.get('/api/v1/comments/', auth=alice.credentials,
                          headers={'Accept': BROWSER})

    assert response.status_code == 500
    assert response.json == {'error': 'Internal Server Error',
                             'message': 'An unexpected error has occurred.'}


@pytest.mark.parametrize('accept, mimetype', [
    pytest.param(BROWSER, 'text/html', marks=STILL_HTML),
    (JSON_CLIENT, 'application/json'),
    ('application/json, */*;q=0.5', 'application/json'),
    pytest.param('*/*', 'text/html', marks=STILL_HTML),
])
def test_the_sites_404_speaks_the_clients_language(client, accept, mimetype):
    response = client.get('/no-such-page', headers={'Accept': accept})

    assert response.status_code == 404
    assert response.mimetype == mimetype
    if mimetype == 'text/html':
        assert Page(response.text).headings == ['File Not Found']
    else:
        assert response.json['error'] == 'Not Found'


@pytest.mark.parametrize('accept, mimetype', [
    pytest.param(BROWSER, 'text/html', marks=STILL_HTML), (JSON_CLIENT, 'application/json')])
def test_the_sites_500_speaks_the_clients_language(susan, client, broken_database, accept,
                                                   mimetype):
    broken_database()

    response = client.get('/index', headers={'Accept': accept})

    assert response.status_code == 500
    assert response.mimetype == mimetype
    if mimetype == 'text/html':
        assert Page(response.text).headings == ['An unexpected error has occurred']
    else:
        assert response.json['message'] == 'An unexpected error has occurred.'


@pytest.mark.parametrize('accept, mimetype', [
    pytest.param(BROWSER, 'text/html', marks=STILL_HTML), (JSON_CLIENT, 'application/json')])
def test_the_sites_405_speaks_the_clients_language(susan, client, accept, mimetype):
    response = client.get('/follow/susan', headers={'Accept': accept})

    assert response.status_code == 405
    assert response.mimetype == mimetype
    assert set(response.headers['Allow'].split(', ')) == {'OPTIONS', 'POST'}


@pytest.mark.parametrize('accept, mimetype', [
    pytest.param(BROWSER, 'text/html', marks=STILL_HTML), (JSON_CLIENT, 'application/json')])
def test_the_sites_403_speaks_the_clients_language(susan, client, accept, mimetype):
    response = client.get('/admin', headers={'Accept': accept})

    assert response.status_code == 403
    assert response.mimetype == mimetype
