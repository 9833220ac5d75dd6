"""Profile edits a browser's form never sends: a JSON body, or a file in place of a field.
EditProfileForm is a BrowserForm, so it reads form fields only: such a post is refused as
an empty form, the profile stays as it was, and nothing crashes."""
import io

import pytest

from shared.database import SIGNED_IN_WRITES
from shared.pages import ODD_JSON_VALUES, Page, assert_refused_as_empty, csrf_token

EDIT = {'username': 'alicia', 'about_me': 'I like dogs'}


@pytest.fixture
def alice(make_user, log_in):
    """Alice, who likes cats, is signed in."""
    alice = make_user('alice', about_me='I like cats')
    log_in(alice)
    return alice


@pytest.mark.parametrize('value', ODD_JSON_VALUES.values(), ids=ODD_JSON_VALUES.keys())
@pytest.mark.parametrize('field', ['csrf_token', 'username', 'about_me'])
def test_json_profile_edit_with_an_odd_value_is_refused_and_saves_nothing(
        alice, client, database_contents, field, value):
    token = csrf_token(client.get('/edit_profile').text)
    before = database_contents(ignoring=SIGNED_IN_WRITES)

    response = client.post('/edit_profile', json={'csrf_token': token, **EDIT, field: value})

    assert_refused_as_empty(response, 'username')
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before


def test_json_profile_edit_with_right_values_saves_nothing(alice, client, profiles):
    token = csrf_token(client.get('/edit_profile').text)

    response = client.post('/edit_profile', json={'csrf_token': token, **EDIT})

    assert_refused_as_empty(response, 'username')
    assert profiles() == [('alice', 'I like cats')]


def test_file_in_place_of_the_username_is_not_read(alice, client, profiles):
    token = csrf_token(client.get('/edit_profile').text)
    fields = {'csrf_token': token, 'username': (io.BytesIO(b'alicia'), 'name.txt'),
              'about_me': 'I like dogs'}

    response = client.post('/edit_profile', data=fields, content_type='multipart/form-data')

    assert response.status_code == 200
    assert Page(response.text).errors('username') == ['This field is required.']
    assert profiles() == [('alice', 'I like cats')]
