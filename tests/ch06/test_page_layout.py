"""The pages of a signed-in user are drawn in the site's layout: the page's title, the
navigation with their profile, and the messages waiting to be shown."""
import pytest

from shared.pages import Page

NAV = {'Home': '/index', 'Profile': '/user/alice', 'Logout': '/logout'}


@pytest.mark.parametrize('path, title', [
    ('/index', 'Home - Microblog'),
    ('/user/alice', 'Welcome to Microblog'),
    ('/edit_profile', 'Edit Profile - Microblog'),
])
def test_page_shows_title_navigation_and_waiting_message(
        make_user, log_in, post_form, client, path, title):
    log_in(make_user('alice'))
    post_form('/edit_profile', username='alice', about_me='Hi')    # flashes

    page = Page(client.get(path).text)

    assert page.title == title
    assert {name: page.nav_links.get(name) for name in NAV} == NAV
    assert page.flashes == ['Your changes have been saved.']
