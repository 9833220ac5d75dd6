"""Confirming an account: registering e-mails a link that proves the address is yours."""
from urllib.parse import urlencode, urlsplit

import pytest
import sqlalchemy as sa

from shared.database import SIGNED_IN_WRITES, Person
from shared.pages import Page

SUSAN = Person(None, 'susan', 'susan@example.com', 'correct horse')


@pytest.fixture
def confirmation_link(post_form, smtp_server):
    """Susan has just registered: the path of the link in her confirmation e-mail."""
    post_form('/register', username=SUSAN.username, email=SUSAN.email,
              password=SUSAN.password, password2=SUSAN.password)
    mail = smtp_server.message_to(SUSAN.email)
    assert mail is not None, 'registering sent no e-mail'
    return urlsplit(mail.links[0]).path


@pytest.fixture
def susan(confirmation_link, log_in):
    """Susan registered and signed in; she has not opened her e-mail yet."""
    log_in(SUSAN)
    return SUSAN


@pytest.fixture
def confirmed(app, db, models):
    """confirmed('susan'): whether that account is confirmed."""
    def confirmed(username):
        with app.app_context():
            return db.session.scalar(sa.select(models.User.confirmed).where(
                models.User.username == username))
    return confirmed


def test_registration_emails_a_confirmation_link(confirmation_link, smtp_server):
    assert [mail.recipients for mail in smtp_server.messages] == [[SUSAN.email]]
    assert confirmation_link.startswith('/confirm/')


def test_confirmation_link_confirms_the_account(susan, confirmation_link, client, confirmed):
    response = client.get(confirmation_link, follow_redirects=True)

    page = Page(response.text)
    assert page.flashes == ['You have confirmed your account. Thanks!']
    assert response.request.path == '/index'
    assert page.headings == ['Hi, susan!']
    assert confirmed('susan') is True


def test_confirming_twice_is_harmless(susan, confirmation_link, client, database_contents):
    client.get(confirmation_link, follow_redirects=True)
    before = database_contents(ignoring=SIGNED_IN_WRITES)

    response = client.get(confirmation_link, follow_redirects=True)

    assert response.status_code == 200
    assert response.request.path == '/index'
    assert Page(response.text).flashes == []
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before


def test_link_opened_before_signing_in_confirms_after_signing_in(
        confirmation_link, client, post_form, confirmed):
    response = client.get(confirmation_link)
    assert response.location == '/login?' + urlencode({'next': confirmation_link})

    signed_in = post_form(response.location, email=SUSAN.email, password=SUSAN.password,
                          follow_redirects=True)

    assert Page(signed_in.text).flashes == ['You have confirmed your account. Thanks!']
    assert confirmed('susan') is True


def test_bare_user_id_is_no_confirmation_link(susan, client, app, db, models, confirmed,
                                              database_contents):
    with app.app_context():
        susan_id = db.session.scalar(sa.select(models.User.id).where(
            models.User.username == 'susan'))
    before = database_contents(ignoring=SIGNED_IN_WRITES)

    response = client.get(f'/confirm/{susan_id}', follow_redirects=True)

    assert Page(response.text).flashes == ['The confirmation link is invalid or has expired.']
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before
    assert confirmed('susan') is False


def test_someone_elses_confirmation_link_is_refused(
        confirmation_link, make_user, log_in, client, confirmed, database_contents):
    # Susan's link reaches Bob, who has not confirmed his own address either.
    bob = make_user('bob', confirmed=False)
    log_in(bob)
    before = database_contents(ignoring=SIGNED_IN_WRITES)

    response = client.get(confirmation_link, follow_redirects=True)

    assert Page(response.text).flashes == ['The confirmation link is invalid or has expired.']
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before
    assert (confirmed('susan'), confirmed('bob')) == (False, False)
