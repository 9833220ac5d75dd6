"""Registration: a new user chooses a name, an e-mail address and a password."""
import pytest
import sqlalchemy as sa

from shared.pages import Page

BOB = {'username': 'bob', 'email': 'bob@example.com',
       'password': 'correct horse', 'password2': 'correct horse'}

# A valid address of 125 characters (local part and labels within their own limits).
LONG_EMAIL = 'bob@' + 'a' * 60 + '.' + 'b' * 52 + '.example'


def test_register_page_shows_the_form(client):
    response = client.get('/register')

    page = Page(response.text)
    assert response.status_code == 200
    for field in ('username', 'email', 'password', 'password2'):
        assert page.field(field) is not None
    assert page.value('submit') == 'Register'


def test_registering_creates_the_user_with_a_hashed_password(post_form, app, db, models):
    post_form('/register', **BOB)

    with app.app_context():
        bob = db.session.scalar(sa.select(models.User).where(models.User.username == 'bob'))
        assert bob is not None, 'no user bob in the database'
        assert bob.email == 'bob@example.com'
        assert 'correct horse' not in bob.password_hash
        assert bob.check_password('correct horse')


@pytest.mark.ends('ch08', reason='from chapter 8 registering also says that a confirmation '
                                 'e-mail was sent')
def test_registering_congratulates_and_sends_to_login(post_form):
    response = post_form('/register', follow_redirects=True, **BOB)

    assert Page(response.text).flashes == ['Congratulations, you are now a registered user!']
    assert response.request.path == '/login'


def test_registering_does_not_sign_you_in(post_form, client):
    post_form('/register', **BOB)

    assert client.get('/index').location == '/login?next=%2Findex'


@pytest.mark.parametrize('fields, error', [
    ({'username': ''}, 'This field is required.'),
    ({'email': ''}, 'This field is required.'),
    ({'password': '', 'password2': ''}, 'This field is required.'),
    ({'password2': ''}, 'This field is required.'),
    ({'email': 'bob.example.com'}, 'Invalid email address.'),
    ({'password2': 'correct horse!'}, 'Field must be equal to password.'),
    ({'username': 'b' * 65}, 'Field cannot be longer than 64 characters.'),
    ({'email': LONG_EMAIL}, 'Field cannot be longer than 120 characters.'),
    ({'username': 'alice'}, 'Please use a different username.'),
    ({'email': 'alice@example.com'}, 'Please use a different email address.'),
], ids=['no-username', 'no-email', 'no-password', 'no-password2', 'invalid-email',
        'passwords-differ', 'username-too-long', 'email-too-long', 'username-taken',
        'email-taken'])
def test_bad_registration_shows_the_error_and_writes_nothing(
        make_user, post_form, database_contents, fields, error):
    make_user('alice', email='alice@example.com')
    before = database_contents()

    response = post_form('/register', **{**BOB, **fields})

    page = Page(response.text)
    assert response.status_code == 200
    for field in fields:
        assert error in page.errors(field), f'no {error!r} beside {field}'
    assert 'Congratulations' not in response.text
    assert database_contents() == before


def test_registration_without_csrf_token_writes_nothing(client, database_contents):
    before = database_contents()

    response = client.post('/register', data=BOB)

    assert response.status_code == 200
    assert Page(response.text).errors('csrf_token') == ['The CSRF token is missing.']
    assert 'Congratulations' not in response.text
    assert database_contents() == before
