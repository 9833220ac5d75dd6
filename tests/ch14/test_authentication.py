"""Who may use the API: every request brings an e-mail address and password (HTTP basic
authentication) or a token bought with them; the browser's session counts for nothing."""
import time
from types import SimpleNamespace

import itsdangerous.timed
import pytest

REFUSED = {'error': 'Unauthorized', 'message': 'Invalid or missing credentials.'}


def test_the_password_opens_the_api(make_user, client):
    alice = make_user('alice')

    response = client.get('/api/v1/posts/', auth=alice.credentials)

    assert response.status_code == 200


def test_the_address_is_read_in_any_case(make_user, client):
    alice = make_user('alice')

    response = client.get('/api/v1/posts/', auth=('Alice@Example.COM', alice.password))

    assert response.status_code == 200


@pytest.mark.parametrize('credentials', [
    pytest.param(('alice@example.com', 'wrong'), id='wrong password'),
    pytest.param(('nobody@example.com', 'correct horse'), id='unknown address'),
    pytest.param(('', ''), id='empty, as http --auth : sends'),
    pytest.param(None, id='none at all'),
])
def test_without_the_right_credentials_the_answer_is_401(make_user, client, credentials):
    make_user('alice')

    response = client.get('/api/v1/posts/', auth=credentials)

    assert response.status_code == 401
    assert response.json == REFUSED
    assert response.headers['WWW-Authenticate'] == 'Basic realm="Authentication Required"'


def test_an_unknown_address_costs_the_same_hashing_as_a_wrong_password(make_user, client,
                                                                      scrypt_calls):
    alice = make_user('alice')
    nobody = ('nobody@example.com', 'correct horse')
    client.get('/api/v1/posts/', auth=nobody)   # the first makes the dummy hash, once
    scrypt_calls.clear()
    client.get('/api/v1/posts/', auth=(alice.email, 'wrong horse'))
    wrong_password = list(scrypt_calls)
    scrypt_calls.clear()

    client.get('/api/v1/posts/', auth=nobody)

    assert len(wrong_password) == 1
    assert scrypt_calls == wrong_password


def test_a_request_without_credentials_costs_no_hashing(client, scrypt_calls):
    # Each hash is slow on purpose: a stranger's empty requests must not buy them.
    response = client.get('/api/v1/posts/')

    assert response.status_code == 401
    assert scrypt_calls == []


def test_a_token_is_bought_with_the_password(app, make_user, client):
    alice = make_user('alice')

    response = client.post('/api/v1/tokens/', auth=alice.credentials)

    assert response.status_code == 200
    assert response.json['expires_in'] == app.config['API_TOKEN_MAX_AGE'] == 3600
    assert client.get('/api/v1/posts/', headers={
        'Authorization': f'Bearer {response.json["token"]}'}).status_code == 200


def test_a_token_stands_for_its_owner(make_user, client, bearer):
    make_user('alice')  # so that Bob is not the first user
    bob = make_user('bob')

    response = client.post('/api/v1/posts/', headers=bearer(bob), json={'body': 'Hi'})

    assert response.json['author_url'] == f'http://localhost/api/v1/users/{bob.id}'


def test_a_token_does_not_buy_another_token(make_user, client, bearer):
    alice = make_user('alice')

    response = client.post('/api/v1/tokens/', headers=bearer(alice))

    assert response.status_code == 401
    assert response.json == REFUSED


def token_signed_seconds_ago(client, person, seconds):
    # itsdangerous reads the time when it signs: here, the time that many seconds ago.
    then = time.time() - seconds
    original = itsdangerous.timed.time
    itsdangerous.timed.time = SimpleNamespace(time=lambda: then)
    try:
        return client.post('/api/v1/tokens/', auth=person.credentials).json['token']
    finally:
        itsdangerous.timed.time = original


@pytest.mark.parametrize('age, status', [(3590, 200), (3610, 401)])
def test_a_token_works_for_an_hour(make_user, client, age, status):
    alice = make_user('alice')
    token = token_signed_seconds_ago(client, alice, age)

    response = client.get('/api/v1/posts/', headers={'Authorization': f'Bearer {token}'})

    assert response.status_code == status


def change_signature(token):
    # The signature's first character: its last one may carry only padding bits.
    payload, _, signature = token.rpartition('.')
    return f'{payload}.{"B" if signature[0] == "A" else "A"}{signature[1:]}'


@pytest.mark.parametrize('change', [
    pytest.param(change_signature, id='signature changed'),
    pytest.param(lambda token: 'eyJhcGkiOjJ9' + token[token.index('.'):],
                 id='another user id, same signature'),
    pytest.param(lambda token: 'not-a-token', id='not a token at all'),
])
def test_a_tampered_token_is_refused(make_user, client, bearer, change):
    alice = make_user('alice')
    make_user('bob')
    token = bearer(alice)['Authorization'].removeprefix('Bearer ')

    response = client.get('/api/v1/posts/',
                          headers={'Authorization': f'Bearer {change(token)}'})

    assert response.status_code == 401
    assert response.json == REFUSED
    assert response.headers['WWW-Authenticate'] == 'Bearer realm="Authentication Required"'


def test_a_token_for_another_purpose_is_refused(app, db, make_user, models, client):
    alice = make_user('alice')
    with app.test_request_context():
        confirmation = db.session.get(models.User, alice.id).generate_confirmation_token()

    response = client.get('/api/v1/posts/',
                          headers={'Authorization': f'Bearer {confirmation}'})

    assert response.status_code == 401


def test_signing_out_everywhere_ends_every_token(app, db, make_user, models, client, bearer):
    alice = make_user('alice')
    headers = bearer(alice)
    with app.app_context():
        db.session.get(models.User, alice.id).sign_out_everywhere()
        db.session.commit()

    assert client.get('/api/v1/posts/', headers=headers).status_code == 401


@pytest.mark.parametrize('by', ['password', 'token'])
def test_a_disabled_account_is_refused(app, db, make_user, models, client, bearer, by):
    alice = make_user('alice')
    headers = bearer(alice) if by == 'token' else {}
    with app.app_context():
        db.session.get(models.User, alice.id).active = False
        db.session.commit()

    response = client.get('/api/v1/posts/', headers=headers,
                          auth=alice.credentials if by == 'password' else None)

    assert response.status_code == 401


@pytest.mark.parametrize('by', ['password', 'token'])
def test_an_unconfirmed_account_is_403(app, db, make_user, models, client, by):
    alice = make_user('alice', confirmed=False)
    headers = {}
    if by == 'token':
        with app.test_request_context():
            headers = {'Authorization':
                       f'Bearer {db.session.get(models.User, alice.id).generate_auth_token()}'}

    response = client.get('/api/v1/posts/', headers=headers,
                          auth=alice.credentials if by == 'password' else None)

    assert response.status_code == 403
    assert response.json == {'error': 'Forbidden', 'message': 'Unconfirmed account.'}


def test_a_signed_in_browser_session_is_not_enough(make_user, log_in, client,
                                                   database_contents):
    alice = make_user('alice')
    log_in(alice, remember_me='y')
    before = database_contents()

    response = client.post('/api/v1/posts/', json={'body': 'Riding on a cookie'})

    assert response.status_code == 401
    assert 'Set-Cookie' not in response.headers
    # Not even last_seen: the API did not read the session.
    assert database_contents() == before


def test_the_remember_me_cookie_alone_is_not_enough(make_user, log_in, client):
    alice = make_user('alice')
    log_in(alice, remember_me='y')
    client.delete_cookie('session')

    response = client.get('/api/v1/posts/')

    assert response.status_code == 401
    assert 'Set-Cookie' not in response.headers
