"""The bug chapter 7 starts from: renaming yourself to a name someone else has."""
import pytest
import sqlalchemy as sa

from shared.database import SIGNED_IN_WRITES
from shared.pages import Page


@pytest.fixture
def alice_and_bob(make_user, log_in):
    """Alice and Bob are registered; Alice is signed in."""
    alice, bob = make_user('alice'), make_user('bob')
    log_in(alice)
    return alice, bob


def test_renaming_to_taken_username_shows_form_error(alice_and_bob, post_form):
    response = post_form('/edit_profile', username='bob', about_me='I am Bob now')

    assert response.status_code == 200
    assert Page(response.text).errors('username') == ['Please use a different username.']


def test_renaming_to_taken_username_writes_nothing(alice_and_bob, post_form,
                                                  database_contents):
    before = database_contents(ignoring=SIGNED_IN_WRITES)

    post_form('/edit_profile', username='bob', about_me='I am Bob now')

    assert database_contents(ignoring=SIGNED_IN_WRITES) == before


def test_renaming_to_taken_username_keeps_you_signed_in_under_your_name(
        alice_and_bob, post_form, client):
    post_form('/edit_profile', username='bob')

    assert Page(client.get('/index').text).headings == ['Hi, alice!']


@pytest.mark.green_at_start(reason='keeping your own name always saved; the fix must '
                                   'not start refusing it')
def test_keeping_your_own_username_saves_the_profile(
        alice_and_bob, post_form, app, db, models):
    response = post_form('/edit_profile', username='alice', about_me='Still Alice')

    assert response.status_code == 302
    with app.app_context():
        alice = db.session.scalar(sa.select(models.User).where(models.User.username == 'alice'))
        assert alice.about_me == 'Still Alice'


def test_name_taken_between_check_and_commit_shows_form_error(
        alice_and_bob, post_form, another_request_first, profiles):
    # The race the validator leaves open: Alice's form passes validate_username(),
    # then, before her commit, another request gives Bob the same name and commits.
    with another_request_first('bob', username='carol'):
        response = post_form('/edit_profile', username='carol', about_me='I am Carol')

    assert response.status_code == 200
    assert Page(response.text).errors('username') == ['Please use a different username.']
    assert profiles() == [('alice', None), ('carol', None)]
