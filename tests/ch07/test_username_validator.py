"""EditProfileForm.validate_username refuses a taken name by itself: before anything is
written, and beside the other fields' errors. The view's IntegrityError handling shows the
same words, but only after the UPDATE failed, and only when the rest of the form passed."""
import pytest

from shared.pages import Page


@pytest.fixture
def alice_and_bob(make_user, log_in):
    """Alice and Bob are registered; Alice is signed in."""
    alice, bob = make_user('alice'), make_user('bob')
    log_in(alice)
    return alice, bob


def test_taken_username_is_refused_before_any_update_of_it_is_sent(
        alice_and_bob, post_form, record_queries):
    with record_queries() as queries:
        response = post_form('/edit_profile', username='bob', about_me='I am Bob now')

    updates = [query for query in queries if query.lstrip().upper().startswith('UPDATE')]
    assert Page(response.text).errors('username') == ['Please use a different username.']
    assert all(update.startswith('UPDATE user SET last_seen=') for update in updates), \
        f'more than last_seen was written: {updates}'


def test_taken_username_is_refused_beside_the_other_fields_errors(alice_and_bob, post_form):
    response = post_form('/edit_profile', username='bob', about_me='x' * 141)

    page = Page(response.text)
    assert page.errors('username') == ['Please use a different username.']
    assert page.errors('about_me') == ['Field must be between 0 and 140 characters long.']
