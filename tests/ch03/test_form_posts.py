"""Posts a browser's form never sends. Flask-WTF would read a JSON body, or an uploaded
file, into the sign-in form; the site's forms read form fields only (BrowserForm), so odd
values never reach validators written for text: the form is refused as if empty.
'who' is the field the form asks who you are with: username, or e-mail from chapter 8."""
import io

import pytest

from shared.pages import ODD_JSON_VALUES, Page, assert_refused_as_empty, csrf_token, who_signs_in


@pytest.fixture
def sign_in(client):
    """The login page's CSRF token, and what Susan types into its form."""
    page = client.get('/login').text
    who = who_signs_in(page, 'susan', 'susan@example.com')
    return {'csrf_token': csrf_token(page), **who, 'password': 'correct horse'}


def field_named(sign_in, field):
    return next(iter(sign_in.keys() - {'csrf_token', 'password'})) if field == 'who' else field


@pytest.mark.parametrize('value', ODD_JSON_VALUES.values(), ids=ODD_JSON_VALUES.keys())
@pytest.mark.parametrize('field', ['csrf_token', 'who', 'password'])
def test_json_sign_in_with_an_odd_value_is_refused_as_an_empty_form(
        client, sign_in, field, value):
    response = client.post('/login', json={**sign_in, field_named(sign_in, field): value})

    assert_refused_as_empty(response, field_named(sign_in, 'who'))


def test_json_sign_in_with_right_values_is_not_read_either(client, sign_in):
    response = client.post('/login', json=sign_in)

    assert_refused_as_empty(response, field_named(sign_in, 'who'))


@pytest.mark.parametrize('field', ['who', 'password'])
def test_file_in_place_of_a_sign_in_field_is_not_read(client, sign_in, field):
    field = field_named(sign_in, field)
    fields = {**sign_in, field: (io.BytesIO(b'susan'), 'field.txt')}

    response = client.post('/login', data=fields, content_type='multipart/form-data')

    page = Page(response.text)
    assert response.status_code == 200
    assert page.errors(field) == ['This field is required.']
    assert page.errors('csrf_token') == []
