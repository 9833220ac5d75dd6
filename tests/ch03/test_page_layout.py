"""The sign-in page is drawn in the site's layout: its title, the navigation, and the
messages waiting to be shown."""
import pytest

from shared.pages import Page

NAV = {'Home': '/index', 'Login': '/login'}


@pytest.mark.ends('ch05', reason='chapter 5 no longer reports a login request; '
                                 'tests/ch05/test_page_layout.py waits with another message')
def test_sign_in_page_shows_title_navigation_and_waiting_message(post_form, client):
    post_form('/login', username='susan', password='correct horse')    # flashes

    page = Page(client.get('/login').text)

    assert page.title == 'Sign In - Microblog'
    assert {name: page.nav_links.get(name) for name in NAV} == NAV
    assert page.flashes == ['Login requested for user susan, remember_me=False']
