"""The three e-mails the site sends with a link (confirm an account, reset a password,
confirm a new address): what each says, and the signed token in its link, good for one
purpose and one hour."""
from dataclasses import dataclass
from email.header import decode_header, make_header
from email.utils import parseaddr
from typing import Callable
from urllib.parse import urlsplit

import pytest
from itsdangerous import BadSignature, TimestampSigner, URLSafeTimedSerializer

from shared.database import SIGNED_IN_WRITES, Person
from shared.mail import Received
from shared.pages import Page, csrf_token

SALTS = ['confirm', 'reset-password', 'change-email']
AN_HOUR = 3600


@dataclass
class Emailed:
    """An e-mail the site sent with a link, and what opening a link of its kind does."""
    mail: Received
    recipient: str
    subject: str
    page: str                          # the path the link opens, up to its token
    salt: str
    opens: Callable[[str], list]       # opens(path): the flashes the visitor then reads
    accepted: str                      # the flash of a link that worked
    refused: str                       # the flash of a link that did not

    @property
    def link(self):
        return self.mail.links[0]

    @property
    def token(self):
        return urlsplit(self.link).path.removeprefix(self.page)


def flashes_after_opening(client):
    return lambda path: Page(client.get(path, follow_redirects=True).text).flashes


def confirmation(post_form, log_in, make_user, client):
    # Susan registers, signs in, and finds the link in her inbox.
    post_form('/register', username='susan', email='susan@example.com',
              password='correct horse', password2='correct horse')
    log_in(Person(None, 'susan', 'susan@example.com', 'correct horse'))
    return dict(recipient='susan@example.com', subject='Confirm Your Account',
                page='/confirm/', salt='confirm', opens=flashes_after_opening(client),
                accepted='You have confirmed your account. Thanks!',
                refused='The confirmation link is invalid or has expired.')


def reset(post_form, log_in, make_user, client):
    # Alice forgot her password and asks for a link; she sets 'new horse' through it.
    make_user('alice')
    post_form('/reset_password_request', email='alice@example.com')

    def opens(path):
        token = csrf_token(client.get('/reset_password_request').text)
        response = client.post(path, data={'csrf_token': token, 'password': 'new horse',
                                           'password2': 'new horse'}, follow_redirects=True)
        return Page(response.text).flashes
    return dict(recipient='alice@example.com', subject='Reset Your Password',
                page='/reset_password/', salt='reset-password', opens=opens,
                accepted='Your password has been updated.',
                refused='The reset link is invalid or has expired.')


def change_email(post_form, log_in, make_user, client):
    # Alice, signed in, asks to move her account to a new address.
    log_in(make_user('alice'))
    post_form('/change_email', email='alice@new.example', password='correct horse')
    return dict(recipient='alice@new.example', subject='Confirm your new e-mail address',
                page='/change_email/', salt='change-email',
                opens=flashes_after_opening(client),
                accepted='Your e-mail address has been updated.',
                refused='The link is invalid or has expired, or that address is taken.')


@pytest.fixture(params=[confirmation, reset, change_email],
                ids=['confirmation', 'reset', 'change-email'])
def emailed(request, post_form, log_in, make_user, client, smtp_server):
    """Each kind of e-mail in turn, just sent, with what its links do."""
    kind = request.param(post_form, log_in, make_user, client)
    mail = smtp_server.message_to(kind['recipient'])
    assert mail is not None, f"no e-mail was sent to {kind['recipient']}"
    return Emailed(mail=mail, **kind)


def signed(app, salt, payload, age=0):
    """A token for payload, signed as the app signs its links, age seconds ago."""
    class SignedEarlier(TimestampSigner):
        def get_timestamp(self):
            return super().get_timestamp() - age
    return URLSafeTimedSerializer(app.config['SECRET_KEY'], salt=salt,
                                  signer=SignedEarlier).dumps(payload)


def payload_of(app, emailed):
    return URLSafeTimedSerializer(app.config['SECRET_KEY'], salt=emailed.salt).loads(
        emailed.token)


def test_one_email_goes_to_the_person_it_is_for(emailed, smtp_server):
    assert [mail.recipients for mail in smtp_server.messages] == [[emailed.recipient]]


def test_subject_starts_with_the_site_prefix(emailed):
    assert emailed.mail.message['Subject'] == '[Microblog] ' + emailed.subject


def test_email_comes_from_the_configured_sender(emailed, app):
    sender = str(make_header(decode_header(emailed.mail.message['From'])))

    assert sender == app.config['MAIL_SENDER']
    assert emailed.mail.sender == parseaddr(app.config['MAIL_SENDER'])[1]


def test_text_and_html_parts_both_carry_the_link(emailed):
    assert emailed.mail.links, 'the text part has no link'
    assert emailed.link in emailed.mail.part('text/html')


def test_link_is_a_whole_address_of_its_page(emailed):
    address = urlsplit(emailed.link)

    assert (address.scheme, address.netloc) == ('http', 'localhost')
    assert address.path.startswith(emailed.page) and emailed.token


def test_token_is_signed_with_the_secret_key_for_its_purpose_only(emailed, app):
    def reader(salt):
        return URLSafeTimedSerializer(app.config['SECRET_KEY'], salt=salt)

    assert reader(emailed.salt).loads(emailed.token)
    for other in SALTS:
        if other != emailed.salt:
            with pytest.raises(BadSignature):
                reader(other).loads(emailed.token)


def test_link_is_still_good_after_59_minutes(emailed, app):
    # Also the proof that a token signed here, as below, is one the app accepts.
    token = signed(app, emailed.salt, payload_of(app, emailed), age=AN_HOUR - 60)

    assert emailed.accepted in emailed.opens(emailed.page + token)


def test_link_older_than_an_hour_is_refused_and_changes_nothing(
        emailed, app, database_contents):
    token = signed(app, emailed.salt, payload_of(app, emailed), age=AN_HOUR + 1)
    before = database_contents(ignoring=SIGNED_IN_WRITES)

    flashes = emailed.opens(emailed.page + token)

    assert emailed.refused in flashes
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before


def test_tampered_link_is_refused_and_changes_nothing(emailed, database_contents):
    token = emailed.token
    tampered = token[:3] + ('x' if token[3] != 'x' else 'y') + token[4:]
    before = database_contents(ignoring=SIGNED_IN_WRITES)

    flashes = emailed.opens(emailed.page + tampered)

    assert emailed.refused in flashes
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before


def test_token_signed_for_another_purpose_is_refused_and_changes_nothing(
        emailed, app, database_contents):
    # The same content, signed with the salt of the next kind of link.
    other_salt = SALTS[(SALTS.index(emailed.salt) + 1) % len(SALTS)]
    token = signed(app, other_salt, payload_of(app, emailed))
    before = database_contents(ignoring=SIGNED_IN_WRITES)

    flashes = emailed.opens(emailed.page + token)

    assert emailed.refused in flashes
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before
