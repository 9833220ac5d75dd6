import pytest


GREETS_SIGNED_IN_USER = pytest.mark.ends(
    'ch05', reason='chapter 5 puts the home page behind a login and greets the signed-in user')


@GREETS_SIGNED_IN_USER
def test_home_page_greets_the_user_by_name(client):
    response = client.get('/index')

    assert '<h1>Hi, Miguel!</h1>' in response.text


@GREETS_SIGNED_IN_USER
def test_home_page_lists_every_post_with_its_author(client):
    page = client.get('/index').text

    assert 'John says: <b>Beautiful day in Portland!</b>' in page
    assert 'Susan says: <b>The Avengers movie was so cool!</b>' in page


@GREETS_SIGNED_IN_USER
def test_page_title_comes_from_the_view(client):
    page = client.get('/index').text

    assert '<title>Home - Microblog</title>' in page
    assert 'Welcome to Microblog' not in page


def test_pages_share_the_base_layout(client):
    page = client.get('/', follow_redirects=True).text

    assert page.lstrip()[:15] == '<!doctype html>'
    assert '<a href="/index">Home</a>' in page
