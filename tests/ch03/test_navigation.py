"""The navigation bar links Home and Login, with addresses built by url_for()."""
import pytest


@pytest.mark.parametrize('path', [
    pytest.param('/index', marks=pytest.mark.ends(
        'ch05', reason='chapter 5 puts the home page behind the login')),
    '/login',
])
def test_navigation_links_home_and_login(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert '<a href="/index">Home</a>' in response.text
    assert '<a href="/login">Login</a>' in response.text
