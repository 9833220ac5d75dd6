"""/edit_profile/<id>: an administrator edits anyone's account, role included. A username or
an address that belongs to someone else is refused, even when it is taken at the last
moment; everybody but an administrator gets 403."""
from hashlib import sha256

import pytest
import sqlalchemy as sa

from shared.database import SIGNED_IN_WRITES
from shared.pages import ODD_JSON_VALUES, Page, assert_refused_as_empty


@pytest.fixture
def bob(make_user):
    """Bob has an ordinary account; his profile is the one edited."""
    return make_user('bob', name='Bob', location='Lisbon', about_me='Hi')


@pytest.fixture
def boss(make_user, log_in):
    """The administrator is signed in."""
    boss = make_user('boss', role='Administrator')
    log_in(boss)
    return boss


@pytest.fixture
def role_ids(app, db, models):
    with app.app_context():
        return dict(db.session.execute(sa.select(models.Role.name, models.Role.id)).all())


@pytest.fixture
def fields(bob, role_ids):
    """fields(...): the editor's fields for Bob as they stand, with some changed."""
    def fields(**changed):
        return {'email': 'bob@example.com', 'username': 'bob', 'confirmed': 'y',
                'role': str(role_ids['User']), 'name': 'Bob', 'location': 'Lisbon',
                'about_me': 'Hi', **changed}
    return fields


@pytest.fixture
def account_of(app, db, models):
    """account_of(id): what the editor edits, as saved."""
    def account_of(user_id):
        with app.app_context():
            user = db.session.get(models.User, user_id)
            return {'email': user.email, 'username': user.username,
                    'confirmed': user.confirmed, 'role': user.role.name, 'name': user.name,
                    'location': user.location, 'about_me': user.about_me,
                    'avatar_hash': user.avatar_hash}
    return account_of


def test_editor_shows_the_account_as_it_stands(boss, bob, client, role_ids):
    page = Page(client.get(f'/edit_profile/{bob.id}').text)

    assert [page.value(name) for name in ('email', 'username', 'confirmed', 'name',
                                          'location', 'about_me')] == \
        ['bob@example.com', 'bob', True, 'Bob', 'Lisbon', 'Hi']
    assert page.value('role') == str(role_ids['User'])


def test_role_choices_are_every_role_sorted_by_name(boss, bob, client, role_ids):
    select = Page(client.get(f'/edit_profile/{bob.id}').text).field('role')

    options = [(option['value'], option.get_text()) for option in select.find_all('option')]

    assert options == [(str(role_ids[name]), name)
                       for name in ('Administrator', 'Moderator', 'User')]


def test_editor_saves_every_field(boss, bob, post_form, account_of, role_ids):
    response = post_form(f'/edit_profile/{bob.id}', **{
        'email': 'Robert@New.Example', 'username': 'robert', 'role': str(role_ids['Moderator']),
        'name': 'Robert', 'location': 'Porto', 'about_me': 'Hello'})

    assert response.status_code == 302
    assert response.location == '/user/robert'
    assert account_of(bob.id) == {
        'email': 'robert@new.example', 'username': 'robert', 'confirmed': False,
        'role': 'Moderator', 'name': 'Robert', 'location': 'Porto', 'about_me': 'Hello',
        'avatar_hash': sha256(b'robert@new.example').hexdigest()}


def test_saving_says_so_on_the_profile(boss, bob, post_form, fields):
    response = post_form(f'/edit_profile/{bob.id}', follow_redirects=True,
                         **fields(name='Bobby'))

    page = Page(response.text)
    assert page.flashes == ['The profile has been updated.']
    assert 'Name: Bobby' in page.text


def test_saving_unchanged_fields_keeps_the_account(boss, bob, post_form, fields, account_of):
    before = account_of(bob.id)

    response = post_form(f'/edit_profile/{bob.id}', **fields())

    assert response.status_code == 302
    assert account_of(bob.id) == before


@pytest.mark.parametrize('field, value, error', [
    ('username', 'boss', 'Please use a different username.'),
    ('email', 'boss@example.com', 'Please use a different email address.'),
    ('email', 'BOSS@Example.com', 'Please use a different email address.'),
])
def test_someone_elses_username_or_address_is_refused(boss, bob, post_form, fields,
                                                      database_contents, field, value, error):
    before = database_contents(ignoring=SIGNED_IN_WRITES)

    response = post_form(f'/edit_profile/{bob.id}', **fields(**{field: value}))

    assert response.status_code == 200
    assert Page(response.text).errors(field) == [error]
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before


@pytest.mark.parametrize('field, value', [('username', 'caroline'),
                                          ('email', 'caroline@new.example')])
def test_a_name_or_address_taken_between_check_and_commit_is_refused(
        boss, bob, make_user, post_form, fields, another_request_first, account_of,
        field, value):
    carol = make_user('carol')
    before = account_of(bob.id)

    with another_request_first('carol', **{field: value}):
        response = post_form(f'/edit_profile/{bob.id}', **fields(name='Bobby', **{field: value}))

    assert response.status_code == 200
    assert Page(response.text).errors(field) == [
        {'username': 'Please use a different username.',
         'email': 'Please use a different email address.'}[field]]
    assert account_of(bob.id) == before
    assert account_of(carol.id)[field] == value


@pytest.mark.parametrize('field, value, error', [
    ('email', '', 'This field is required.'),
    ('email', 'not-an-address', 'Invalid email address.'),
    ('email', 'b' * 110 + '@example.com', 'Field cannot be longer than 120 characters.'),
    ('username', '', 'This field is required.'),
    ('username', 'two words', 'Usernames must start with a letter and have only letters, '
                              'numbers, dots or underscores'),
    ('role', '999', 'Not a valid choice.'),
    ('role', 'admin', 'Invalid Choice: could not coerce.'),
    ('name', 'x' * 65, 'Field cannot be longer than 64 characters.'),
    ('location', 'x' * 65, 'Field cannot be longer than 64 characters.'),
    ('about_me', 'x' * 141, 'Field must be between 0 and 140 characters long.'),
])
def test_bad_input_shows_a_form_error_and_writes_nothing(boss, bob, post_form, fields,
                                                         database_contents, field, value,
                                                         error):
    before = database_contents(ignoring=SIGNED_IN_WRITES)

    response = post_form(f'/edit_profile/{bob.id}', **fields(**{field: value}))

    assert response.status_code == 200
    assert Page(response.text).errors(field) == [error]
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before


def test_a_post_without_csrf_token_is_refused(boss, bob, client, fields, database_contents):
    before = database_contents(ignoring=SIGNED_IN_WRITES)

    response = client.post(f'/edit_profile/{bob.id}', data=fields(role='999'))

    assert Page(response.text).errors('csrf_token') == ['The CSRF token is missing.']
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before


@pytest.mark.parametrize('value', ODD_JSON_VALUES.values(), ids=ODD_JSON_VALUES)
def test_json_with_an_odd_value_is_refused_and_saves_nothing(boss, bob, client, fields,
                                                             database_contents, value):
    before = database_contents(ignoring=SIGNED_IN_WRITES)

    response = client.post(f'/edit_profile/{bob.id}', json=fields(role=value))

    assert_refused_as_empty(response, 'email')
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before


def test_an_unknown_account_is_404(boss, bob, client):
    assert client.get(f'/edit_profile/{bob.id}').status_code == 200
    assert client.get('/edit_profile/999').status_code == 404


@pytest.mark.parametrize('role', ['User', 'Moderator'])
@pytest.mark.parametrize('method', ['get', 'post'])
def test_the_editor_is_forbidden_to_everyone_but_administrators(make_user, log_in, bob, client,
                                                                 fields, database_contents,
                                                                 role, method):
    log_in(make_user('carol', role=role))
    before = database_contents(ignoring=SIGNED_IN_WRITES)

    response = getattr(client, method)(f'/edit_profile/{bob.id}', data=fields(name='Hacked'))

    assert response.status_code == 403
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before


def test_the_editor_asks_a_visitor_who_is_not_signed_in_to_sign_in(bob, client):
    response = client.get(f'/edit_profile/{bob.id}')

    assert response.status_code == 302
    assert response.location == f'/login?next=%2Fedit_profile%2F{bob.id}'


def test_administrators_find_the_editor_on_every_profile(boss, bob, client):
    page = Page(client.get('/user/bob').text)

    assert page.link('Edit profile [Admin]') == f'/edit_profile/{bob.id}'


@pytest.mark.green_at_start(reason='chapter 9 has no editor to link to; this guards that '
                                   "the link stays off ordinary users' pages")
def test_other_users_see_no_link_to_the_editor(make_user, log_in, client):
    make_user('bob')
    log_in(make_user('carol'))

    assert Page(client.get('/user/bob').text).link('Edit profile [Admin]') is None
