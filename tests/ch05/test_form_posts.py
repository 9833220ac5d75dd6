"""Registration posts a browser's form never sends: a JSON body, or a file in place of a
field. RegistrationForm is a BrowserForm, so it reads form fields only: such a post is
refused as an empty form, nobody is registered, and nothing crashes."""
import io

import pytest

from shared.pages import ODD_JSON_VALUES, Page, assert_refused_as_empty, csrf_token

BOB = {'username': 'bob', 'email': 'bob@example.com',
       'password': 'correct horse', 'password2': 'correct horse'}


@pytest.mark.parametrize('value', ODD_JSON_VALUES.values(), ids=ODD_JSON_VALUES.keys())
@pytest.mark.parametrize('field', ['csrf_token', 'username', 'email', 'password', 'password2'])
def test_json_registration_with_an_odd_value_is_refused_and_writes_nothing(
        client, database_contents, field, value):
    token = csrf_token(client.get('/register').text)
    before = database_contents()

    response = client.post('/register', json={'csrf_token': token, **BOB, field: value})

    assert_refused_as_empty(response, 'username')
    assert database_contents() == before


def test_json_registration_with_right_values_registers_nobody(client, database_contents):
    token = csrf_token(client.get('/register').text)
    before = database_contents()

    response = client.post('/register', json={'csrf_token': token, **BOB})

    assert_refused_as_empty(response, 'username')
    assert database_contents() == before


@pytest.mark.parametrize('field', ['username', 'email'])
def test_file_in_place_of_a_registration_field_is_not_read(client, database_contents, field):
    token = csrf_token(client.get('/register').text)
    fields = {'csrf_token': token, **BOB, field: (io.BytesIO(b'bob'), 'field.txt')}
    before = database_contents()

    response = client.post('/register', data=fields, content_type='multipart/form-data')

    assert response.status_code == 200
    assert Page(response.text).errors(field) == ['This field is required.']
    assert database_contents() == before
