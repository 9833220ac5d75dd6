"""What a person sees: the duplicate-username bug, its fix, and the custom 404 page."""
import pytest

pytestmark = pytest.mark.e2e


def test_a_person_cannot_take_someone_elses_username(visitor, register):
    # Susan and Bob both sign up.
    register('susan')
    register('bob')

    # Susan signs in and goes to her profile.
    visitor.signs_in('susan')
    visitor.follows_link('Profile')
    visitor.sees('User: susan')

    # She decides she would rather be called bob, and tries.
    visitor.follows_link('Edit your profile')
    visitor.fills_in('username', 'bob')
    visitor.presses('Submit')
    visitor.takes_screenshot('duplicate-username')

    # The form tells her the name is taken, and she is still susan.
    visitor.sees('Please use a different username.')
    visitor.does_not_see('Internal Server Error')
    visitor.follows_link('Profile')
    visitor.sees('User: susan')


def test_a_person_who_opens_a_missing_page_sees_the_custom_404_page(visitor):
    visitor.goes_to('/no-such-page')

    visitor.sees('File Not Found')
    visitor.sees('Microblog:')
    visitor.takes_screenshot('not-found')
