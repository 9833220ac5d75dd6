"""Bad input on the forms chapter 8 adds: each is refused with an error beside the field,
writes nothing and sends no e-mail."""
from urllib.parse import urlsplit

import pytest

from shared.database import SIGNED_IN_WRITES
from shared.pages import Page

REQUIRED = 'This field is required.'
INVALID_EMAIL = 'Invalid email address.'
TOO_LONG = 'Field cannot be longer than 120 characters.'
DIFFERENT = 'Field must be equal to password.'
# A valid address of 125 characters (local part and labels within their own limits).
LONG_EMAIL = 'alice@' + 'a' * 60 + '.' + 'b' * 50 + '.example'

# What each form gets when it is filled in well.
GOOD = {
    'login': {'email': 'alice@example.com', 'password': 'correct horse'},
    'reset_password_request': {'email': 'alice@example.com'},
    'reset_password': {'password': 'new horse', 'password2': 'new horse'},
    'change_password': {'old_password': 'correct horse', 'password': 'new horse',
                        'password2': 'new horse'},
    'change_email': {'email': 'alice@new.example', 'password': 'correct horse'},
}

BAD = [
    # form, what is wrong with it, the fields that make it so, the field that says so
    ('login', 'no-email', {'email': ''}, 'email', REQUIRED),
    ('login', 'invalid-email', {'email': 'alice.example.com'}, 'email', INVALID_EMAIL),
    ('login', 'email-too-long', {'email': LONG_EMAIL}, 'email', TOO_LONG),
    ('reset_password_request', 'no-email', {'email': ''}, 'email', REQUIRED),
    ('reset_password_request', 'invalid-email', {'email': 'alice.example.com'}, 'email',
     INVALID_EMAIL),
    ('reset_password_request', 'email-too-long', {'email': LONG_EMAIL}, 'email', TOO_LONG),
    ('reset_password', 'no-password', {'password': '', 'password2': ''}, 'password',
     REQUIRED),
    ('reset_password', 'passwords-differ', {'password2': 'other horse'}, 'password2',
     DIFFERENT),
    ('change_password', 'no-old-password', {'old_password': ''}, 'old_password', REQUIRED),
    ('change_password', 'no-password', {'password': '', 'password2': ''}, 'password',
     REQUIRED),
    ('change_password', 'passwords-differ', {'password2': 'other horse'}, 'password2',
     DIFFERENT),
    ('change_email', 'no-email', {'email': ''}, 'email', REQUIRED),
    ('change_email', 'invalid-email', {'email': 'alice.example.com'}, 'email',
     INVALID_EMAIL),
    ('change_email', 'email-too-long', {'email': LONG_EMAIL}, 'email', TOO_LONG),
    ('change_email', 'no-password', {'password': ''}, 'password', REQUIRED),
]


@pytest.fixture
def form_path(request, make_user, log_in, post_form, smtp_server):
    """The path of the form named by the test, opened by the visitor it is for: Alice
    signed in for her account's forms, a visitor with a reset link for reset_password."""
    alice = make_user('alice', password='correct horse')
    form = request.param
    if form in ('change_password', 'change_email'):
        log_in(alice)
    if form == 'reset_password':
        post_form('/reset_password_request', email=alice.email)
        mail = smtp_server.message_to(alice.email)
        assert mail is not None, 'no reset e-mail was sent'
        return form, urlsplit(mail.links[0]).path
    return form, '/' + form


@pytest.mark.parametrize('form_path, fields, field, error',
                         [pytest.param(form, fields, field, error, id=f'{form}-{wrong}')
                          for form, wrong, fields, field, error in BAD],
                         indirect=['form_path'])
def test_bad_input_is_refused_beside_the_field(form_path, fields, field, error, post_form,
                                               database_contents, smtp_server):
    form, path = form_path
    before, sent_before = database_contents(ignoring=SIGNED_IN_WRITES), smtp_server.messages

    response = post_form(path, **{**GOOD[form], **fields})

    assert response.status_code == 200
    assert error in Page(response.text).errors(field), f'no {error!r} beside {field}'
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before
    assert smtp_server.messages == sent_before


@pytest.mark.parametrize('form_path', [
    'reset_password_request', 'reset_password', 'change_password', 'change_email',
], indirect=True)
def test_form_without_csrf_token_is_refused(form_path, client, database_contents,
                                            smtp_server):
    form, path = form_path
    before, sent_before = database_contents(ignoring=SIGNED_IN_WRITES), smtp_server.messages

    response = client.post(path, data=GOOD[form])

    assert response.status_code == 200
    assert Page(response.text).errors('csrf_token') == ['The CSRF token is missing.']
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before
    assert smtp_server.messages == sent_before
