"""Flask-Login: the home page is for signed-in users, who sign in and out with a form."""
from urllib.parse import urlencode

import pytest

from shared.pages import Page, sign_in


@pytest.fixture
def alice(make_user):
    """Alice has an account; nobody is signed in."""
    return make_user('alice', password='correct horse')


@pytest.mark.parametrize('path, login_page', [
    ('/index', '/login?next=%2Findex'),
    ('/', '/login?next=%2F'),
])
def test_home_page_sends_anonymous_visitor_to_login(client, path, login_page):
    response = client.get(path)

    assert response.status_code == 302
    assert response.location == login_page


def test_anonymous_visitor_is_asked_to_log_in(client):
    response = client.get('/index', follow_redirects=True)

    assert response.request.path == '/login', 'the home page let an anonymous visitor in'
    assert Page(response.text).flashes == ['Please log in to access this page.']
    assert 'Hi, ' not in response.text


def test_right_password_signs_in_and_greets_by_name(alice, client):
    response = sign_in(client, alice, follow_redirects=True)

    assert Page(response.text).headings == ['Hi, alice!'], 'the home page does not greet alice'
    assert response.request.path == '/index'


def test_signed_in_user_stays_signed_in_on_the_next_request(alice, log_in, client):
    log_in(alice)

    response = client.get('/index')

    assert response.status_code == 200
    assert Page(response.text).headings == ['Hi, alice!'], 'the home page does not greet alice'


@pytest.mark.ends('ch08', reason='chapter 8 signs people in by e-mail, and says '
                                 '"Invalid email or password"')
@pytest.mark.parametrize('username, password', [
    ('alice', 'wrong horse'),
    ('nobody', 'correct horse'),
], ids=['wrong-password', 'unknown-user'])
def test_wrong_credentials_flash_error_and_stay_anonymous(
        alice, post_form, client, database_contents, username, password):
    before = database_contents()

    response = post_form('/login', username=username, password=password,
                         follow_redirects=True)

    assert Page(response.text).flashes == ['Invalid username or password'], \
        'no invalid-login message'
    assert response.request.path == '/login'
    assert client.get('/index').location == '/login?next=%2Findex'
    assert database_contents() == before


@pytest.mark.parametrize('path', ['/login', '/register'])
def test_signed_in_user_is_sent_home_from(alice, log_in, client, path):
    log_in(alice)

    response = client.get(path)

    assert response.status_code == 302
    assert response.location == '/index'


def test_logout_signs_out_and_sends_home(alice, log_in, client):
    log_in(alice)

    response = client.get('/logout')

    assert response.status_code == 302
    assert response.location == '/index'
    assert client.get('/index').location == '/login?next=%2Findex'


def test_nav_offers_logout_not_login_to_signed_in_user(alice, log_in, client):
    log_in(alice)

    page = Page(client.get('/index').text)

    assert page.nav_links.get('Logout') == '/logout', 'the navigation has no Logout link'
    assert page.link('Login') is None


def test_login_page_links_to_registration(client):
    page = Page(client.get('/login').text)

    assert page.link('Click to Register!') == '/register', \
        'the login page has no link to the registration page'
    assert 'New User? Click to Register!' in page.text


def test_remember_me_sets_a_lasting_remember_cookie(alice, log_in, client):
    log_in(alice, remember_me='y')

    cookie = client.get_cookie('remember_token')
    assert cookie is not None, 'no remember_token cookie was set'
    assert cookie.expires is not None


def test_without_remember_me_only_the_session_remembers(alice, log_in, client):
    log_in(alice)

    assert Page(client.get('/index').text).headings == ['Hi, alice!'], 'alice was not signed in'
    assert client.get_cookie('remember_token') is None


@pytest.mark.parametrize('next_page', ['/', '/index?page=2'])
def test_login_returns_to_the_local_page_in_next(alice, log_in, next_page):
    response = log_in(alice, path='/login?' + urlencode({'next': next_page}))

    assert response.status_code == 302
    assert response.location == next_page


@pytest.mark.parametrize('next_page', [
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example',
    'http:/evil.example',
    'javascript:alert(1)',
])
def test_login_refuses_off_site_next_and_goes_home(alice, log_in, client, next_page):
    response = log_in(alice, path='/login?' + urlencode({'next': next_page}))

    assert Page(client.get('/index').text).headings == ['Hi, alice!'], 'alice was not signed in'
    assert response.location == '/index'
