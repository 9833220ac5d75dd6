"""What a person sees: their profile page, and telling the world about themselves."""
import pytest

pytestmark = pytest.mark.e2e


def test_a_person_writes_about_themselves_on_their_profile(visitor, register):
    # Alice signs up and signs in.
    register('alice')
    visitor.signs_in('alice')

    # She opens her profile from the navigation; it has nothing about her yet.
    visitor.follows_link('Profile')
    visitor.sees('User: alice')
    visitor.does_not_see('I grow tomatoes')

    # She edits her profile; the form already holds her username.
    visitor.follows_link('Edit your profile')
    assert visitor.field_value('username') == 'alice'
    visitor.fills_in('about_me', 'I grow tomatoes on my balcony.')
    visitor.presses('Submit')
    visitor.sees('Your changes have been saved.')

    # Back on her profile, everyone can now read about her.
    visitor.follows_link('Profile')
    visitor.sees('I grow tomatoes on my balcony.')
    visitor.takes_screenshot('profile')
