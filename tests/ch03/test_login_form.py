"""The login form: its fields, the CSRF token that guards it, and what it says when it
refuses a submission."""
import re

import pytest

from shared.pages import csrf_token

REQUIRED = '[This field is required.]'


def input_tag(page, name):
    """The <input> whose name is name, as the page has it."""
    match = re.search(rf'<input[^>]*\bname="{name}"[^>]*>', page)
    assert match, f'no <input name="{name}"> on the page'
    return match.group(0)


def test_login_page_shows_the_sign_in_form(client):
    response = client.get('/login')

    assert response.status_code == 200
    assert '<title>Sign In - Microblog</title>' in response.text
    assert '<h1>Sign In</h1>' in response.text


@pytest.mark.parametrize('name, kind', [
    ('username', 'text'),
    ('password', 'password'),
    ('remember_me', 'checkbox'),
    ('submit', 'submit'),
])
def test_login_form_has_field(client, name, kind):
    page = client.get('/login').text

    assert f'type="{kind}"' in input_tag(page, name)


def test_login_form_carries_a_hidden_csrf_token(client):
    page = client.get('/login').text

    assert 'type="hidden"' in input_tag(page, 'csrf_token')
    assert csrf_token(page)


def test_empty_form_shows_required_error_for_username_and_password(post_form):
    response = post_form('/login', username='', password='')

    assert response.status_code == 200
    assert response.text.count(REQUIRED) == 2


@pytest.mark.parametrize('blank, next_field', [
    ('username', 'password'),
    ('password', 'remember_me'),
])
def test_blank_field_shows_required_error_under_it(post_form, blank, next_field):
    fields = {'username': 'susan', 'password': 'correct horse', blank: ''}

    response = post_form('/login', **fields)

    page = response.text
    assert response.status_code == 200
    assert page.count(REQUIRED) == 1
    assert page.find(f'name="{blank}"') < page.find(REQUIRED) < page.find(f'name="{next_field}"')


def test_rejected_form_reports_no_login_request(post_form):
    response = post_form('/login', username='susan', password='')

    assert response.status_code == 200
    assert 'Login requested' not in response.text


def test_rejected_form_keeps_the_username_typed(post_form):
    page = post_form('/login', username='susan', password='').text

    assert 'value="susan"' in input_tag(page, 'username')


def test_rejected_form_never_sends_the_password_back(post_form):
    page = post_form('/login', username='', password='s3cret-typed').text

    assert REQUIRED in page
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
    assert f'<p class="error">[{why}]</p>' in response.text
    assert 'Login requested' not in response.text


def test_csrf_token_from_another_visitors_page_is_refused(client, app):
    someone_else = app.test_client()
    their_token = csrf_token(someone_else.get('/login').text)
    client.get('/login')

    response = client.post('/login', data={'csrf_token': their_token, 'username': 'susan',
                                           'password': 'correct horse'})

    assert response.status_code == 200
    assert '<p class="error">[The CSRF tokens do not match.]</p>' in response.text
    assert 'Login requested' not in response.text
