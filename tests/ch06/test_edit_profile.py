"""/edit_profile: a signed-in user changes their username and 'About me'."""
import pytest
from sqlalchemy.exc import IntegrityError

from shared.database import SIGNED_IN_WRITES
from shared.pages import Page


@pytest.fixture
def alice(make_user, log_in):
    """Alice, who likes cats, is signed in."""
    alice = make_user('alice', about_me='I like cats')
    log_in(alice)
    return alice


def test_edit_profile_requires_login(make_user, client):
    make_user('alice')

    response = client.get('/edit_profile')

    assert response.status_code == 302
    assert response.location == '/login?next=%2Fedit_profile'


def test_edit_profile_form_is_filled_with_the_current_profile(alice, client):
    page = Page(client.get('/edit_profile').text)

    assert page.value('username') == 'alice'
    assert page.value('about_me') == 'I like cats'


def test_saving_the_profile_writes_username_and_about_me(alice, post_form, profiles):
    response = post_form('/edit_profile', username='alicia', about_me='I like dogs')

    assert response.status_code == 302
    assert profiles() == [('alicia', 'I like dogs')]


def test_saving_the_profile_flashes_and_returns_to_the_form(alice, post_form):
    response = post_form('/edit_profile', username='alice', about_me='I like dogs',
                         follow_redirects=True)

    page = Page(response.text)
    assert page.flashes == ['Your changes have been saved.']
    assert response.request.path == '/edit_profile'
    assert page.value('about_me') == 'I like dogs'


def test_about_me_of_140_characters_is_saved(alice, post_form, profiles):
    post_form('/edit_profile', username='alice', about_me='x' * 140)

    assert profiles() == [('alice', 'x' * 140)]


def test_renaming_moves_the_profile_to_the_new_name(alice, post_form, client):
    post_form('/edit_profile', username='alicia', about_me='I like cats')

    assert client.get('/user/alicia').status_code == 200
    assert client.get('/user/alice').status_code == 404
    assert Page(client.get('/index').text).nav_links.get('Profile') == '/user/alicia'


@pytest.mark.parametrize('fields, error', [
    ({'about_me': 'x' * 141}, 'Field must be between 0 and 140 characters long.'),
    ({'username': ''}, 'This field is required.'),
    ({'username': 'a' * 65}, 'Field cannot be longer than 64 characters.'),
], ids=['about-me-too-long', 'no-username', 'username-too-long'])
def test_bad_profile_shows_the_error_and_saves_nothing(
        alice, post_form, database_contents, fields, error):
    before = database_contents(ignoring=SIGNED_IN_WRITES)

    response = post_form('/edit_profile', **{'username': 'alicia', 'about_me': '', **fields})

    page = Page(response.text)
    assert response.status_code == 200
    for field in fields:
        assert error in page.errors(field), f'no {error!r} beside {field}'
    assert 'Your changes have been saved.' not in response.text
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before


def test_profile_post_without_csrf_token_saves_nothing(alice, client, database_contents):
    before = database_contents(ignoring=SIGNED_IN_WRITES)

    response = client.post('/edit_profile', data={'username': 'mallory', 'about_me': 'hacked'})

    assert response.status_code == 200
    assert Page(response.text).errors('csrf_token') == ['The CSRF token is missing.']
    assert 'Your changes have been saved.' not in response.text
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before


@pytest.mark.ends('ch07', reason='chapter 7 fixes the duplicate-username bug')
def test_renaming_to_taken_username_crashes_with_integrity_error(make_user, log_in, post_form):
    # The bug chapter 7 starts from: the form never asks whether the name is
    # taken, so the database's unique index is the first to say no.
    alice = make_user('alice')
    make_user('bob')
    log_in(alice)

    with pytest.raises(IntegrityError, match='UNIQUE constraint failed: user.username'):
        post_form('/edit_profile', username='bob', about_me='I am Bob now')
