"""Beyond the book: a new password signs the account out everywhere else. A session or a
remember-me cookie left on another computer, or in a thief's hands, stops working."""
from urllib.parse import urlsplit

import pytest

from shared.pages import Page, post_form, sign_in


@pytest.fixture
def alice(make_user):
    """Alice has an account; her password is 'correct horse'."""
    return make_user('alice', password='correct horse')


@pytest.fixture
def laptop(alice, app):
    """A browser where Alice signed in and ticked 'Remember Me'."""
    browser = app.test_client()
    response = sign_in(browser, alice, remember_me='y')
    assert response.status_code == 302, 'alice could not sign in on her laptop'
    return browser


@pytest.fixture
def phone(app):
    """Another browser of Alice's."""
    return app.test_client()


def only_remember_cookie(app, browser):
    """A browser holding nothing but browser's remember-me cookie: its session is gone."""
    cookie = browser.get_cookie('remember_token')
    assert cookie is not None, 'no remember_token cookie was set'
    other = app.test_client()
    other.set_cookie('remember_token', cookie.value)
    return other


def change_password(alice, phone, log_in, smtp_server):
    """On her phone Alice signs in and changes her password."""
    log_in(alice, client=phone)
    response = post_form(phone, '/change_password', old_password='correct horse',
                         password='new horse', password2='new horse')
    assert response.location == '/index', 'the password was not changed'


def reset_password(alice, phone, log_in, smtp_server):
    """On her phone Alice resets her password by e-mail."""
    post_form(phone, '/reset_password_request', email=alice.email)
    mail = smtp_server.message_to(alice.email)
    assert mail is not None, 'no reset e-mail was sent'
    response = post_form(phone, urlsplit(mail.links[0]).path, password='new horse',
                         password2='new horse')
    assert response.location == '/login', 'the password was not reset'


@pytest.fixture(params=[change_password, reset_password], ids=['changed', 'reset'])
def new_password(request, alice, phone, log_in, smtp_server):
    """new_password(): Alice sets a new password on her phone, in each way there is."""
    return lambda: request.param(alice, phone, log_in, smtp_server)


def test_new_password_signs_out_other_sessions(laptop, new_password):
    new_password()

    assert laptop.get('/index').location == '/login?next=%2Findex'


def test_new_password_voids_remember_me_cookies(laptop, app, new_password):
    remembered = only_remember_cookie(app, laptop)
    assert only_remember_cookie(app, laptop).get('/index').status_code == 200, \
        'the remember-me cookie did not sign in even before the change'

    new_password()

    assert remembered.get('/index').location == '/login?next=%2Findex'


def test_changing_the_password_keeps_this_browser_signed_in(alice, phone, log_in,
                                                            smtp_server):
    change_password(alice, phone, log_in, smtp_server)

    assert Page(phone.get('/index').text).headings == ['Hi, alice!']
