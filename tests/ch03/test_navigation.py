"""The navigation bar links Home and Login, with addresses built by url_for()."""
import pytest

from shared.pages import Page


@pytest.mark.parametrize('path', [
    pytest.param('/index', marks=pytest.mark.ends(
        'ch05', reason='chapter 5 puts the home page behind the login')),
    '/login',
])
def test_navigation_links_home_and_login(client, path):
    response = client.get(path)

    nav = Page(response.text).nav_links
    assert response.status_code == 200
    assert nav.get('Home') == '/index'
    assert nav.get('Login') == '/login'
