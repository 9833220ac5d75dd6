"""Registering: addresses kept in lower case, and an account that waits for its owner to
confirm the address."""
import pytest
import sqlalchemy as sa

from shared.pages import Page

SUSAN = {'username': 'susan', 'email': 'susan@example.com',
         'password': 'correct horse', 'password2': 'correct horse'}


@pytest.fixture
def registered(app, db, models):
    """registered('susan'): the account registering made for that username, or None."""
    def registered(username):
        with app.app_context():
            user = db.session.scalar(
                sa.select(models.User).where(models.User.username == username))
            db.session.expunge_all()
            return user
    return registered


def test_registering_says_a_confirmation_email_was_sent(post_form):
    response = post_form('/register', follow_redirects=True, **SUSAN)

    assert Page(response.text).flashes == ['Congratulations, you are now a registered user!',
                                           'A confirmation e-mail has been sent to you.']
    assert response.request.path == '/login'


def test_registering_stores_the_address_in_lower_case(post_form, registered):
    post_form('/register', **{**SUSAN, 'email': 'Susan@Example.COM'})

    assert registered('susan').email == 'susan@example.com'


def test_address_taken_in_another_case_is_refused(
        make_user, post_form, database_contents, smtp_server):
    make_user('susan', email='susan@example.com')
    before = database_contents()

    response = post_form('/register', **{**SUSAN, 'username': 'susan2',
                                         'email': 'SUSAN@EXAMPLE.COM'})

    assert Page(response.text).errors('email') == ['Please use a different email address.']
    assert database_contents() == before
    assert smtp_server.messages == []


def test_new_account_is_active_but_not_confirmed(post_form, registered):
    post_form('/register', **SUSAN)

    susan = registered('susan')
    assert getattr(susan, 'confirmed', None) is False, 'the new account has no confirmed flag'
    assert susan.active is True
