"""The home page shows every post, or only those of the people one follows (and one's
own), as a cookie remembers for 30 days; /all and /followed switch between them."""
from http.cookies import SimpleCookie

import pytest

from shared.pages import Page

THIRTY_DAYS = 30 * 24 * 60 * 60


@pytest.fixture
def posts(susan, make_user, make_post, make_follow):
    """Posts by susan, bob (whom susan follows) and carol (whom she does not)."""
    bob, carol = make_user('bob'), make_user('carol')
    make_follow(susan, bob)
    for person in (susan, bob, carol):
        make_post(person, f'by {person.username}')


def posts_on(response):
    return sorted(Page(response.text).texts('.post-body'))


def cookie(response, name='show_followed'):
    cookies = SimpleCookie()
    for header in response.headers.getlist('Set-Cookie'):
        cookies.load(header)
    return cookies[name]


def test_every_post_shows_at_first(posts, client):
    assert posts_on(client.get('/index')) == ['by bob', 'by carol', 'by susan']


def test_followed_shows_own_posts_and_those_of_people_followed(posts, client):
    response = client.get('/followed', follow_redirects=True)

    assert posts_on(response) == ['by bob', 'by susan']


def test_all_shows_every_post_again(posts, client):
    client.get('/followed')

    response = client.get('/all', follow_redirects=True)

    assert posts_on(response) == ['by bob', 'by carol', 'by susan']


@pytest.mark.parametrize('path, value', [('/followed', '1'), ('/all', '')])
def test_the_choice_is_a_cookie_kept_for_thirty_days(susan, client, path, value):
    response = client.get(path)

    assert response.status_code == 302
    assert response.location == '/index'
    chosen = cookie(response)
    assert chosen.value == value
    assert chosen['max-age'] == str(THIRTY_DAYS)
    assert chosen['httponly'] is True
    assert chosen['samesite'] == 'Lax'


def test_the_tabs_say_which_one_is_showing(posts, client):
    first = Page(client.get('/index').text)
    client.get('/followed')
    then = Page(client.get('/index').text)

    assert first.soup.select_one('.tabs [aria-current]').get_text() == 'All'
    assert first.link('Followed') == '/followed'
    assert then.soup.select_one('.tabs [aria-current]').get_text() == 'Followed'
    assert then.link('All') == '/all'


def test_the_followed_tab_comes_a_page_at_a_time(app, susan, make_user, make_post, client):
    app.config['POSTS_PER_PAGE'] = 2
    for n in range(3):
        make_post(susan, f'post {n}')
    make_post(make_user('carol'), 'by carol, whom susan does not follow')
    client.get('/followed')

    second = client.get('/index?page=2')

    assert posts_on(second) == ['post 0']


@pytest.mark.parametrize('path', ['/all', '/followed'])
def test_signed_out_visitors_are_asked_to_sign_in(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response.location.startswith('/login')
    assert 'show_followed' not in response.headers.get('Set-Cookie', '')
