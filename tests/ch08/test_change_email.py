"""/change_email: a signed-in user moves the account to a new address, which changes only
once a link sent TO the new address is opened."""
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from shared.database import SIGNED_IN_WRITES
from shared.pages import Page

NEW = 'alice@new.example'
REFUSED = 'The link is invalid or has expired, or that address is taken.'


@pytest.fixture
def alice(make_user, log_in):
    """Alice is signed in as alice@example.com; Bob has an account too."""
    alice = make_user('alice', password='correct horse')
    make_user('bob')
    log_in(alice)
    return alice


@pytest.fixture
def addresses(app, db, models):
    """addresses(): {username: e-mail address} of every account."""
    def addresses():
        with app.app_context():
            return dict(db.session.execute(
                sa.select(models.User.username, models.User.email)).all())
    return addresses


def asking_for(post_form, email, password='correct horse', follow_redirects=False):
    return post_form('/change_email', email=email, password=password,
                     follow_redirects=follow_redirects)


@pytest.fixture
def change_link(alice, post_form, smtp_server):
    """Alice asked to move to alice@new.example: the path of the link sent there."""
    asking_for(post_form, NEW, follow_redirects=True)
    mail = smtp_server.message_to(NEW)
    assert mail is not None, f'no e-mail was sent to {NEW}'
    return urlsplit(mail.links[0]).path


def test_asking_says_an_email_was_sent_and_goes_home(alice, post_form):
    response = asking_for(post_form, NEW, follow_redirects=True)

    assert Page(response.text).flashes == [
        'An e-mail with instructions to confirm your new e-mail address has been sent to you.']
    assert response.request.path == '/index'


def test_email_goes_to_the_new_address_only(alice, post_form, smtp_server):
    asking_for(post_form, NEW)

    assert [mail.recipients for mail in smtp_server.messages] == [[NEW]]


def test_address_does_not_change_before_the_link_is_opened(alice, post_form,
                                                            database_contents):
    before = database_contents(ignoring=SIGNED_IN_WRITES)

    response = asking_for(post_form, NEW)

    assert response.status_code == 302
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before


def test_opening_the_link_changes_the_address(change_link, client, addresses):
    response = client.get(change_link, follow_redirects=True)

    assert Page(response.text).flashes == ['Your e-mail address has been updated.']
    assert addresses() == {'alice': NEW, 'bob': 'bob@example.com'}


def test_new_address_typed_in_capitals_is_stored_in_lower_case(alice, post_form, client,
                                                               smtp_server, addresses):
    asking_for(post_form, 'Alice@New.Example')
    [mail] = smtp_server.messages

    client.get(urlsplit(mail.links[0]).path)

    assert addresses()['alice'] == NEW


def test_wrong_password_is_a_form_error_and_sends_nothing(alice, post_form, smtp_server,
                                                          database_contents):
    before = database_contents(ignoring=SIGNED_IN_WRITES)

    response = asking_for(post_form, NEW, password='wrong horse')

    assert Page(response.text).errors('password') == ['Invalid password.']
    assert smtp_server.messages == []
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before


@pytest.mark.parametrize('email', ['bob@example.com', 'BOB@Example.com'])
def test_address_of_another_account_is_refused(alice, post_form, smtp_server,
                                               database_contents, email):
    before = database_contents(ignoring=SIGNED_IN_WRITES)

    response = asking_for(post_form, email)

    assert Page(response.text).errors('email') == ['Please use a different email address.']
    assert smtp_server.messages == []
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before


def test_address_taken_before_the_link_is_opened_is_refused(change_link, make_user, client,
                                                            addresses):
    make_user('carol', email=NEW)

    response = client.get(change_link, follow_redirects=True)

    assert Page(response.text).flashes == [REFUSED]
    assert addresses() == {'alice': 'alice@example.com', 'bob': 'bob@example.com',
                           'carol': NEW}


def test_address_taken_between_check_and_commit_is_refused(change_link, client, alice,
                                                           another_request_first, addresses):
    # The race the check leaves open: Alice's link passes it, then, before her commit,
    # another request gives Bob the same address and commits.
    with another_request_first('bob', email=NEW):
        response = client.get(change_link, follow_redirects=True)

    assert response.status_code == 200
    assert Page(response.text).flashes == [REFUSED]
    assert addresses() == {'alice': 'alice@example.com', 'bob': NEW}


def test_someone_elses_change_link_is_refused(change_link, client, log_in, make_user,
                                              addresses):
    # Alice forwards the e-mail to Carol, who opens the link signed in as herself.
    carol = make_user('carol')
    client.get('/logout')
    log_in(carol)

    response = client.get(change_link, follow_redirects=True)

    assert Page(response.text).flashes == [REFUSED]
    assert addresses() == {'alice': 'alice@example.com', 'bob': 'bob@example.com',
                           'carol': 'carol@example.com'}
