"""Usernames are part of addresses (/user/<username>): letters, digits, dots and
underscores only, starting with a letter, whether chosen when registering or later."""
import pytest

from shared.database import SIGNED_IN_WRITES
from shared.pages import Page

RULE = ('Usernames must start with a letter and have only letters, numbers, dots or '
        'underscores')

REFUSED = ['bad name', '../admin', '1abc', 'a/b', '_susan', '.susan', 'susan?x=1']
ACCEPTED = ['ok.name_1']
ALWAYS_ACCEPTED = pytest.mark.green_at_start(
    reason='names like these were always accepted; the new rule must not refuse them')


@pytest.fixture
def alice(make_user, log_in):
    """Alice is signed in."""
    alice = make_user('alice')
    log_in(alice)
    return alice


def registering(post_form, username):
    return post_form('/register', username=username, email='new@example.com',
                     password='correct horse', password2='correct horse')


@pytest.mark.parametrize('username', REFUSED)
def test_registration_refuses_username(post_form, database_contents, smtp_server, username):
    before = database_contents()

    response = registering(post_form, username)

    assert Page(response.text).errors('username') == [RULE]
    assert database_contents() == before
    assert smtp_server.messages == []


@pytest.mark.parametrize('username', [pytest.param(name, marks=ALWAYS_ACCEPTED)
                                      for name in ACCEPTED])
def test_registration_accepts_username(post_form, profiles, username):
    response = registering(post_form, username)

    assert response.status_code == 302
    assert profiles() == [(username, None)]


@pytest.mark.parametrize('username', REFUSED)
def test_profile_edit_refuses_username(alice, post_form, database_contents, username):
    before = database_contents(ignoring=SIGNED_IN_WRITES)

    response = post_form('/edit_profile', username=username, about_me='')

    assert Page(response.text).errors('username') == [RULE]
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before


@pytest.mark.parametrize('username', [pytest.param(name, marks=ALWAYS_ACCEPTED)
                                      for name in ACCEPTED])
def test_profile_edit_accepts_username(alice, post_form, profiles, username):
    response = post_form('/edit_profile', username=username, about_me='')

    assert response.status_code == 302
    assert profiles() == [(username, '')]
