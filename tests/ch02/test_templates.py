import pytest

from shared.pages import Page

GREETS_SIGNED_IN_USER = pytest.mark.ends(
    'ch05', reason='chapter 5 puts the home page behind a login and greets the signed-in user')


@GREETS_SIGNED_IN_USER
def test_home_page_greets_the_user_by_name(client):
    response = client.get('/index')

    assert Page(response.text).headings == ['Hi, Miguel!']


@GREETS_SIGNED_IN_USER
def test_home_page_lists_every_post_with_its_author(client):
    page = Page(client.get('/index').text)

    assert 'John says: Beautiful day in Portland!' in page.text
    assert 'Susan says: The Avengers movie was so cool!' in page.text


@GREETS_SIGNED_IN_USER
def test_page_title_comes_from_the_view(client):
    page = client.get('/index').text

    assert Page(page).title == 'Home - Microblog'
    assert 'Welcome to Microblog' not in page


def test_pages_share_the_base_layout(client):
    page = client.get('/', follow_redirects=True).text

    # Markup on purpose: the doctype is what puts a browser in standards mode.
    assert page.lstrip()[:15] == '<!doctype html>'
    assert Page(page).nav_links.get('Home') == '/index'
