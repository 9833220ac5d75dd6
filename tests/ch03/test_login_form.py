"""The login form: its fields, the CSRF token that guards it, and what it says when it
refuses a submission."""
import pytest

from shared.pages import Page, csrf_token, who_signs_in

REQUIRED = 'This field is required.'


def test_login_page_shows_the_sign_in_form(client):
    response = client.get('/login')

    page = Page(response.text)
    assert response.status_code == 200
    assert page.title == 'Sign In - Microblog'
    assert page.headings == ['Sign In']


BY_USERNAME = pytest.mark.ends('ch08', reason='chapter 8 signs people in by e-mail: the '
                                'login form asks for an email, not a username')


@pytest.mark.parametrize('name, kind', [
    pytest.param('username', 'text', marks=BY_USERNAME),
    ('password', 'password'),
    ('remember_me', 'checkbox'),
    ('submit', 'submit'),
])
def test_login_form_has_field(client, name, kind):
    page = Page(client.get('/login').text)

    assert page.field(name).get('type') == kind


def test_login_form_carries_a_hidden_csrf_token(client):
    page = client.get('/login').text

    assert Page(page).field('csrf_token').get('type') == 'hidden'
    assert csrf_token(page)


@BY_USERNAME
def test_empty_form_shows_required_error_for_username_and_password(post_form):
    response = post_form('/login', username='', password='')

    page = Page(response.text)
    assert response.status_code == 200
    assert page.errors('username') == [REQUIRED]
    assert page.errors('password') == [REQUIRED]
    assert page.all_errors == [REQUIRED, REQUIRED]


@BY_USERNAME
@pytest.mark.parametrize('blank, next_field', [
    ('username', 'password'),
    ('password', 'remember_me'),
])
def test_blank_field_shows_required_error_under_it(post_form, blank, next_field):
    fields = {'username': 'susan', 'password': 'correct horse', blank: ''}

    response = post_form('/login', **fields)

    page = Page(response.text)
    assert response.status_code == 200
    assert page.errors(blank) == [REQUIRED]
    assert page.errors(next_field) == []
    assert page.all_errors == [REQUIRED]


def test_rejected_form_reports_no_login_request(post_form):
    response = post_form('/login', username='susan', password='')

    assert response.status_code == 200
    assert 'Login requested' not in response.text


def test_rejected_form_keeps_who_you_said_you_are(client, post_form):
    # Your username (your e-mail address from chapter 8) stays in the form.
    who = who_signs_in(client.get('/login').text, 'susan', 'susan@example.com')
    (field, typed), = who.items()

    page = Page(post_form('/login', **who, password='').text)

    assert page.value(field) == typed


def test_rejected_form_never_sends_the_password_back(client, post_form):
    who = who_signs_in(client.get('/login').text, '', '')    # left empty: refused
    (field, _), = who.items()

    page = post_form('/login', **who, password='s3cret-typed').text

    assert Page(page).errors(field) == [REQUIRED]
    # The raw response on purpose: the password must be nowhere in it, not even in markup.
    assert 's3cret-typed' not in page


@pytest.mark.parametrize('token, why', [
    ({}, 'The CSRF token is missing.'),
    ({'csrf_token': 'not-a-real-token'}, 'The CSRF token is invalid.'),
], ids=['missing', 'forged'])
def test_login_without_a_valid_csrf_token_is_refused_and_says_why(client, token, why):
    client.get('/login')

    response = client.post('/login', data={'username': 'susan', 'password': 'correct horse',
                                           **token})

    assert response.status_code == 200
    assert Page(response.text).errors('csrf_token') == [why]
    assert 'Login requested' not in response.text


def test_csrf_token_from_another_visitors_page_is_refused(client, app):
    someone_else = app.test_client()
    their_token = csrf_token(someone_else.get('/login').text)
    client.get('/login')

    response = client.post('/login', data={'csrf_token': their_token, 'username': 'susan',
                                           'password': 'correct horse'})

    assert response.status_code == 200
    assert Page(response.text).errors('csrf_token') == ['The CSRF tokens do not match.']
    assert 'Login requested' not in response.text
