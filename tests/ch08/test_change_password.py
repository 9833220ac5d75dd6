"""/change_password: a signed-in user who knows the password chooses a new one."""
import pytest

from shared.database import SIGNED_IN_WRITES, Person
from shared.pages import Page, sign_in


@pytest.fixture
def alice(make_user, log_in):
    """Alice is signed in; her password is 'correct horse'."""
    alice = make_user('alice', password='correct horse')
    log_in(alice)
    return alice


def changing(post_form, old='correct horse', new='new horse', follow_redirects=False):
    return post_form('/change_password', old_password=old, password=new, password2=new,
                     follow_redirects=follow_redirects)


def test_changing_the_password_says_so_and_goes_home(alice, post_form):
    response = changing(post_form, follow_redirects=True)

    assert Page(response.text).flashes == ['Your password has been updated.']
    assert response.request.path == '/index'


@pytest.mark.parametrize('password, lands_on', [
    ('new horse', '/index'),
    ('correct horse', '/login'),
], ids=['new-password', 'old-password'])
def test_only_the_new_password_signs_in_afterwards(alice, post_form, client, password,
                                                   lands_on):
    changing(post_form)
    client.get('/logout')

    response = sign_in(client, Person(alice.id, 'alice', alice.email, password))

    assert response.location == lands_on


def test_wrong_old_password_is_a_form_error_and_changes_nothing(
        alice, post_form, database_contents):
    before = database_contents(ignoring=SIGNED_IN_WRITES)

    response = changing(post_form, old='wrong horse')

    assert response.status_code == 200
    assert Page(response.text).errors('old_password') == ['Invalid password.']
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before


def test_profile_links_to_changing_password_and_address(alice, client):
    page = Page(client.get('/user/alice').text)

    assert (page.link('Change password'), page.link('Change e-mail address')) == \
        ('/change_password', '/change_email')
