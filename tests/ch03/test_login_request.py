"""A valid login form is only reported back, in a flashed message on the home page."""
import pytest

from shared.pages import Page

pytestmark = pytest.mark.ends('ch05', reason='chapter 5 signs people in for real: it checks '
                                             'the password instead of reporting the request')


def test_valid_login_redirects_to_the_home_page(post_form):
    response = post_form('/login', username='susan', password='correct horse')

    assert response.status_code == 302
    assert response.location == '/index'


@pytest.mark.parametrize('ticked, reported', [({}, 'False'), ({'remember_me': 'y'}, 'True')],
                         ids=['remember-me-unticked', 'remember-me-ticked'])
def test_valid_login_is_reported_on_the_next_page(post_form, client, ticked, reported):
    response = post_form('/login', username='susan', password='correct horse', **ticked)

    assert 'Login requested' not in response.text
    page = Page(client.get(response.location).text)
    assert page.flashes == [f'Login requested for user susan, remember_me={reported}']
    assert page.headings == ['Hi, Miguel!']


def test_login_request_is_reported_only_once(post_form, client):
    first = post_form('/login', username='susan', password='correct horse',
                      follow_redirects=True).text

    second = client.get('/index').text

    assert Page(first).flashes == ['Login requested for user susan, remember_me=False']
    assert 'Login requested' not in second
    assert Page(second).flashes == []
