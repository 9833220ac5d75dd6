"""Posts a browser's form never sends. Flask-WTF would read a JSON body, or an uploaded
file, into the sign-in form; the site's forms read form fields only (BrowserForm), so odd
values never reach validators written for text: the form is refused as if empty."""
import io

import pytest

from shared.pages import Page, csrf_token

# What JSON can carry and a form field cannot: each one crashed a validator or the page.
ODD_VALUES = {'a-number': 5, 'true': True, 'null': None, 'an-object': {'a': 1},
              'a-list': ['a', 'b'], 'a-lone-surrogate': '\ud800'}
SIGN_IN = {'username': 'susan', 'password': 'correct horse'}
MISSING_TOKEN = ['The CSRF token is missing.']


def assert_refused_as_empty(response):
    page = Page(response.text)
    assert response.status_code == 200
    assert page.errors('csrf_token') == MISSING_TOKEN
    assert page.errors('username') == ['This field is required.']


@pytest.mark.parametrize('value', ODD_VALUES.values(), ids=ODD_VALUES.keys())
@pytest.mark.parametrize('field', ['csrf_token', 'username', 'password'])
def test_json_sign_in_with_an_odd_value_is_refused_as_an_empty_form(client, field, value):
    token = csrf_token(client.get('/login').text)

    response = client.post('/login', json={'csrf_token': token, **SIGN_IN, field: value})

    assert_refused_as_empty(response)


def test_json_sign_in_with_right_values_is_not_read_either(client):
    token = csrf_token(client.get('/login').text)

    response = client.post('/login', json={'csrf_token': token, **SIGN_IN})

    assert_refused_as_empty(response)


@pytest.mark.parametrize('field', ['username', 'password'])
def test_file_in_place_of_a_sign_in_field_is_not_read(client, field):
    token = csrf_token(client.get('/login').text)
    fields = {'csrf_token': token, **SIGN_IN, field: (io.BytesIO(b'susan'), 'field.txt')}

    response = client.post('/login', data=fields, content_type='multipart/form-data')

    page = Page(response.text)
    assert response.status_code == 200
    assert page.errors(field) == ['This field is required.']
    assert page.errors('csrf_token') == []
