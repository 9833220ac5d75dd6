"""Long lists come a page at a time: the page size from the configuration, ?page= and
?per_page= in the address (never more than the most allowed), and a bar of links to the
other pages, with gaps where there are too many to show."""
from datetime import datetime, timedelta, timezone

import pytest

from shared.pages import Page

START = datetime(2024, 5, 17, tzinfo=timezone.utc)


@pytest.fixture
def posts(app, db, models, susan):
    """posts(7): that many posts by Susan, 'post 1' the oldest; three to a page."""
    app.config['POSTS_PER_PAGE'] = 3

    def posts(count):
        with app.app_context():
            db.session.add_all(models.Post(body=f'post {n}', user_id=susan.id,
                                           timestamp=START + timedelta(minutes=n))
                               for n in range(1, count + 1))
            db.session.commit()
    return posts


def bar(page):
    """The pagination bar as a person reads it: (label, address or None), in order."""
    return [(words.get_text(strip=True), words.get('href'))
            for words in page.soup.select_one('.pagination').find_all(['a', 'span', 'strong'])]


def test_a_page_holds_as_many_posts_as_configured(posts, client):
    posts(7)

    assert Page(client.get('/index').text).texts('.post-body') == ['post 7', 'post 6', 'post 5']
    assert Page(client.get('/index?page=3').text).texts('.post-body') == ['post 1']


def test_per_page_in_the_address_changes_the_page_size(posts, client):
    posts(7)

    page = Page(client.get('/index?per_page=2&page=2').text)

    assert page.texts('.post-body') == ['post 5', 'post 4']


def test_nobody_gets_more_than_the_most_allowed_per_page(app, posts, client):
    app.config['MAX_POSTS_PER_PAGE'] = 5
    posts(7)

    assert len(Page(client.get('/index?per_page=1000000').text).texts('.post-body')) == 5


@pytest.mark.parametrize('query', ['page=4', 'page=0', 'page=-1', 'page=two', 'page=',
                                   'per_page=0'])
def test_a_page_that_is_not_there_is_404(posts, client, query):
    posts(7)

    response = client.get(f'/index?{query}')

    assert response.status_code == 404
    assert Page(response.text).headings == ['File Not Found']


def test_a_page_size_that_is_no_number_gives_the_configured_size(posts, client):
    posts(7)

    response = client.get('/index?per_page=lots')

    assert Page(response.text).texts('.post-body') == ['post 7', 'post 6', 'post 5']


def test_the_bar_on_page_2_of_3_links_both_ways_and_marks_this_page(posts, client):
    posts(7)

    assert bar(Page(client.get('/index?page=2').text)) == [
        ('« Newer', '/index?page=1'), ('1', '/index?page=1'), ('2', None),
        ('3', '/index?page=3'), ('Older »', '/index?page=3')]


def test_the_current_page_is_marked_for_screen_readers_too(posts, client):
    posts(7)

    current = Page(client.get('/index?page=2').text).soup.select_one('[aria-current=page]')

    assert current.get_text(strip=True) == '2'


@pytest.mark.parametrize('page, dead', [(1, '« Newer'), (3, 'Older »')])
def test_the_way_past_either_end_is_no_link(posts, client, page, dead):
    posts(7)

    labels = dict(bar(Page(client.get(f'/index?page={page}').text)))

    assert labels[dead] is None


def test_the_bar_shows_gaps_where_pages_are_left_out(posts, client):
    posts(20)

    labels = [label for label, _ in bar(Page(client.get('/index?per_page=1&page=10').text))]

    assert labels == ['« Newer', '1', '2', '…', '8', '9', '10', '11', '12', '13', '14', '…',
                      '19', '20', 'Older »']


def test_one_page_needs_no_bar(posts, client):
    posts(3)

    page = Page(client.get('/index').text)

    assert page.texts('.post-body') == ['post 3', 'post 2', 'post 1']
    assert page.soup.select_one('.pagination') is None


def test_the_profile_bar_keeps_the_username(posts, client):
    posts(4)

    assert ('Older »', '/user/susan?page=2') in bar(Page(client.get('/user/susan').text))
    assert Page(client.get('/user/susan?page=2').text).texts('.post-body') == ['post 1']
