"""Forgot the password: the login page offers a reset, an e-mail brings a link, and the
link sets a new password once."""
from urllib.parse import urlsplit

import pytest

from shared.database import Person
from shared.pages import Page, csrf_token, sign_in

CHECK_YOUR_EMAIL = 'Check your e-mail for the instructions to reset your password.'


@pytest.fixture
def alice(make_user):
    """Alice has an account as alice@example.com; her password is 'correct horse'."""
    return make_user('alice', password='correct horse')


@pytest.fixture
def reset_link(alice, post_form, smtp_server):
    """Alice asked for a reset: the path of the link in her e-mail."""
    post_form('/reset_password_request', email='alice@example.com')
    mail = smtp_server.message_to('alice@example.com')
    assert mail is not None, 'no reset e-mail was sent'
    return urlsplit(mail.links[0]).path


def test_login_page_links_to_password_reset(client):
    page = Page(client.get('/login').text)

    assert page.link('Click to Reset It') == '/reset_password_request'
    assert 'Forgot your password? Click to Reset It' in page.text


@pytest.mark.parametrize('email', ['alice@example.com', 'nobody@example.com'],
                         ids=['has-an-account', 'has-none'])
def test_reset_request_gets_the_same_answer_for_any_address(alice, post_form, email):
    response = post_form('/reset_password_request', email=email, follow_redirects=True)

    assert Page(response.text).flashes == [CHECK_YOUR_EMAIL]
    assert response.request.path == '/login'


@pytest.mark.parametrize('email, recipients', [
    ('alice@example.com', [['alice@example.com']]),
    ('ALICE@Example.com', [['alice@example.com']]),
    ('nobody@example.com', []),
], ids=['her-address', 'her-address-in-capitals', 'no-account'])
def test_reset_email_goes_only_to_an_address_with_an_account(
        alice, post_form, smtp_server, email, recipients):
    response = post_form('/reset_password_request', email=email)

    assert response.status_code == 302
    assert [mail.recipients for mail in smtp_server.messages] == recipients


def test_reset_link_opens_the_new_password_form(reset_link, client):
    page = Page(client.get(reset_link).text)

    assert (page.value('password'), page.value('password2')) == ('', '')
    assert page.value('submit') == 'Reset Password'


def test_reset_link_sets_the_new_password(reset_link, post_form):
    response = post_form(reset_link, password='new horse', password2='new horse',
                         follow_redirects=True)

    assert Page(response.text).flashes == ['Your password has been updated.']
    assert response.request.path == '/login'


@pytest.mark.parametrize('password, lands_on', [
    ('new horse', '/index'),
    ('correct horse', '/login'),
], ids=['new-password', 'old-password'])
def test_only_the_new_password_signs_in_after_a_reset(reset_link, post_form, alice, client,
                                                      password, lands_on):
    post_form(reset_link, password='new horse', password2='new horse')

    response = sign_in(client, Person(alice.id, 'alice', alice.email, password))

    assert response.location == lands_on


def test_used_reset_link_is_refused_and_changes_nothing(reset_link, post_form, client,
                                                        database_contents):
    post_form(reset_link, password='new horse', password2='new horse')
    before = database_contents()

    token = csrf_token(client.get('/reset_password_request').text)
    response = client.post(reset_link, data={'csrf_token': token, 'password': 'third horse',
                                             'password2': 'third horse'},
                           follow_redirects=True)

    assert 'The reset link is invalid or has expired.' in Page(response.text).flashes
    assert database_contents() == before


def test_opening_a_used_reset_link_is_refused(reset_link, post_form, client):
    post_form(reset_link, password='new horse', password2='new horse')

    response = client.get(reset_link, follow_redirects=True)

    assert 'The reset link is invalid or has expired.' in Page(response.text).flashes
    assert response.request.path == '/login'


@pytest.mark.parametrize('path', ['/reset_password_request', '/reset_password/a-token'])
def test_signed_in_visitor_is_sent_home_from(alice, log_in, client, path):
    log_in(alice)

    response = client.get(path)

    assert response.location == '/index'


def test_reset_with_a_token_for_another_purpose_returns_false_and_changes_nothing(
        alice, app, db, models, database_contents):
    # The page refuses such a link before it shows the form; the model must refuse it
    # too, whoever asks it for a reset.
    with app.app_context():
        token = db.session.get(models.User, alice.id).generate_confirmation_token()
    before = database_contents()

    with app.app_context():
        reset = models.User.reset_password(token, 'new horse')
        db.session.commit()

    assert reset is False
    assert database_contents() == before
