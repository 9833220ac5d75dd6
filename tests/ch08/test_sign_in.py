"""Signing in: with the e-mail address in any case, at the same cost whether or not the
address has an account, only to an active account, and only from the browser that
signed in."""
from urllib.parse import urlencode

import pytest

from shared.database import Person
from shared.pages import FIELDS, Page, sign_in


@pytest.fixture
def susan(make_user):
    """Susan has an account as susan@example.com; nobody is signed in."""
    return make_user('susan', password='correct horse')


def test_login_form_asks_for_email_password_and_remember_me(client):
    page = Page(client.get('/login').text)

    asked = [field.get('name') for field in page.soup.find_all(FIELDS)
             if field.get('type') not in ('hidden', 'submit')]
    assert asked == ['email', 'password', 'remember_me']


@pytest.mark.parametrize('typed', [
    'susan@example.com', 'SUSAN@EXAMPLE.COM', 'Susan@Example.Com',
])
def test_address_in_any_case_signs_in(susan, post_form, client, typed):
    response = post_form('/login', email=typed, password='correct horse')

    assert response.status_code == 302 and response.location == '/index', \
        f'{typed} did not sign susan in'
    assert Page(client.get('/index').text).headings == ['Hi, susan!']


@pytest.mark.parametrize('email, password', [
    ('susan@example.com', 'wrong horse'),
    ('nobody@example.com', 'correct horse'),
], ids=['wrong-password', 'unknown-address'])
def test_unknown_address_and_wrong_password_get_the_same_answer(
        susan, post_form, client, database_contents, email, password):
    before = database_contents()

    response = post_form('/login', email=email, password=password, follow_redirects=True)

    assert Page(response.text).flashes == ['Invalid email or password']
    assert response.request.path == '/login'
    assert client.get('/index').location == '/login?next=%2Findex'
    assert database_contents() == before


def test_unknown_address_costs_the_same_hashing_as_a_wrong_password(
        susan, client, scrypt_calls):
    # Same answer is not enough: an answer that comes back sooner for an unknown
    # address tells a stranger which addresses have accounts.
    nobody = Person(None, 'nobody', 'nobody@example.com', 'correct horse')
    sign_in(client, nobody)         # the first one makes the dummy hash, once a process
    scrypt_calls.clear()
    sign_in(client, Person(susan.id, 'susan', susan.email, 'wrong horse'))
    wrong_password = list(scrypt_calls)
    scrypt_calls.clear()
    sign_in(client, nobody)
    unknown_address = list(scrypt_calls)

    assert len(wrong_password) == 1, f'a wrong password was hashed {len(wrong_password)} times'
    assert unknown_address == wrong_password, \
        f'scrypt costs: wrong password {wrong_password}, unknown address {unknown_address}'


def test_disabled_account_cannot_sign_in_and_is_told_so(
        make_user, post_form, client, database_contents, models):
    assert hasattr(models.User, 'active'), 'no account can be disabled: no active flag'
    bob = make_user('bob', active=False)
    before = database_contents()

    response = post_form('/login', email=bob.email, password=bob.password,
                         follow_redirects=True)

    assert Page(response.text).flashes == ['This account has been disabled.']
    assert response.request.path == '/login'
    assert client.get('/index').location == '/login?next=%2Findex'
    assert database_contents() == before


def test_disabling_a_signed_in_account_signs_it_out(susan, log_in, client, app, db, models):
    log_in(susan)
    with app.app_context():
        db.session.get(models.User, susan.id).active = False
        db.session.commit()

    response = client.get('/index')

    assert response.location == '/login?next=%2Findex', 'the disabled account is still in'


def test_session_cookie_replayed_from_another_browser_is_signed_out(susan, log_in, app):
    susans_browser, thief = app.test_client(), app.test_client()
    log_in(susan, client=susans_browser)
    thief.set_cookie('session', susans_browser.get_cookie('session').value)

    response = thief.get('/index', headers={'User-Agent': 'Another browser/1.0'})

    assert response.location == '/login?next=%2Findex', 'the copied session cookie let in'
    assert Page(susans_browser.get('/index').text).headings == ['Hi, susan!']


@pytest.mark.parametrize('path', [
    '/change_password', '/change_email', '/confirm/a-token', '/change_email/a-token',
])
def test_account_pages_send_anonymous_visitor_to_login(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response.location == '/login?' + urlencode({'next': path})
