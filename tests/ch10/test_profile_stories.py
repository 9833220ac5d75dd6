"""What a person sees: the administrator changes someone's role and name in the editor; an
ordinary user who types the editor's address is turned away."""
import pytest

pytestmark = pytest.mark.e2e


def test_the_administrator_makes_bob_a_moderator(visitor, register, app, make_user):
    # The site's owner registered with the address MICROBLOG_ADMIN names.
    app.config['MICROBLOG_ADMIN'] = 'boss@example.com'
    register('boss')
    bob = make_user('bob')

    # She opens Bob's profile and, as an administrator, finds the editor there.
    visitor.signs_in('boss')
    visitor.goes_to('/user/bob')
    visitor.follows_link('Edit profile [Admin]')

    # She makes him a moderator and writes his real name.
    visitor.chooses('role', 'Moderator')
    visitor.fills_in('name', 'Bob Smith')
    visitor.takes_screenshot('admin-editor')
    visitor.presses('Submit')

    # His profile shows the change; the avatar cannot load here, and its text stands in.
    visitor.sees('The profile has been updated.')
    visitor.sees('Name: Bob Smith')
    visitor.takes_screenshot('edited-profile')

    # Bob, now a moderator, finds the moderation page in his navigation.
    visitor.follows_link('Logout')
    visitor.signs_in('bob')
    visitor.follows_link('Moderate')
    visitor.sees('Moderation')

    # He is no administrator: typing the editor's address gets him the 403 page.
    visitor.goes_to(f'/edit_profile/{bob.id}')
    visitor.sees('Forbidden')
