"""The pages a visitor sees before signing in are drawn in the site's layout: the page's
title, the navigation, and the messages waiting to be shown."""
import pytest

from shared.pages import Page

NAV = {'Home': '/index', 'Login': '/login'}


@pytest.mark.parametrize('path, title', [
    ('/login', 'Sign In - Microblog'),
    ('/register', 'Register - Microblog'),
])
def test_page_shows_title_navigation_and_waiting_message(client, path, title):
    client.get('/index')            # sends the visitor to log in, with a message

    page = Page(client.get(path).text)

    assert page.title == title
    assert {name: page.nav_links.get(name) for name in NAV} == NAV
    assert page.flashes == ['Please log in to access this page.']
