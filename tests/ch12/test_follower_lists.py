"""Who follows someone, and whom they follow: newest first, with the day each began,
a page at a time, never the person themself."""
from datetime import datetime, timedelta, timezone

import pytest

from shared.pages import Page

DAY_ONE = datetime(2024, 5, 17, 9, 30, tzinfo=timezone.utc)


def rows(response):
    """(username, since) for each person the list shows, in its order."""
    table = Page(response.text).soup.select_one('table.follows')
    return [tuple(cell.get_text(strip=True) for cell in row.find_all('td'))
            for row in table.find_all('tr') if row.find('td')]


@pytest.fixture
def crowd(make_user, make_follow, susan):
    """bob, carol and dave follow susan, on three days; susan follows carol."""
    people = {name: make_user(name) for name in ('bob', 'carol', 'dave')}
    for day, name in enumerate(['carol', 'bob', 'dave']):
        make_follow(people[name], susan, timestamp=DAY_ONE + timedelta(days=day))
    make_follow(susan, people['carol'], timestamp=DAY_ONE)
    return people


def test_followers_newest_first_with_the_day_they_began(crowd, client):
    response = client.get('/followers/susan')

    assert Page(response.text).headings == ['Followers of susan']
    assert rows(response) == [('dave', '2024-05-19'), ('bob', '2024-05-18'),
                              ('carol', '2024-05-17')]


def test_following_lists_whom_the_person_follows(crowd, client):
    response = client.get('/following/susan')

    assert Page(response.text).headings == ['Followed by susan']
    assert rows(response) == [('carol', '2024-05-17')]


def test_each_name_links_to_that_profile(crowd, client):
    page = Page(client.get('/following/susan').text)

    assert page.link('carol') == '/user/carol'


def test_nobody_is_listed_as_following_themself(crowd, client):
    assert rows(client.get('/followers/bob')) == []
    assert [name for name, _ in rows(client.get('/following/bob'))] == ['susan']


def test_a_long_list_comes_a_page_at_a_time(app, crowd, client):
    app.config['FOLLOWERS_PER_PAGE'] = 2

    first, second = client.get('/followers/susan'), client.get('/followers/susan?page=2')

    assert [name for name, _ in rows(first)] == ['dave', 'bob']
    assert [name for name, _ in rows(second)] == ['carol']
    assert Page(first.text).link('Older »') == '/followers/susan?page=2'
    assert client.get('/followers/susan?page=3').status_code == 404


@pytest.mark.parametrize('kind', ['followers', 'following'])
def test_only_people_with_an_account_have_lists(susan, client, kind):
    assert client.get(f'/{kind}/susan').status_code == 200
    assert client.get(f'/{kind}/nobody').status_code == 404


@pytest.mark.parametrize('path', ['/followers/susan', '/following/susan'])
def test_signed_out_visitors_are_asked_to_sign_in(make_user, client, path):
    make_user('susan')

    response = client.get(path)

    assert response.status_code == 302
    assert response.location.startswith('/login')
