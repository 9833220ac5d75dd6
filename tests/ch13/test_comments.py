"""Comments under a post's permalink: written by roles that may COMMENT, oldest first, a
page at a time, the newest comment on screen after writing it; lists of posts link to
them with their number."""
from datetime import datetime, timedelta, timezone

import pytest

from shared.database import SIGNED_IN_WRITES
from shared.pages import ODD_JSON_VALUES, Page, assert_refused_as_empty, csrf_token

DAY_ONE = datetime(2024, 5, 17, 9, 30, tzinfo=timezone.utc)


def test_a_comment_is_saved_with_its_author_and_post(susan, bobs_post, post_form,
                                                     saved_comments):
    response = post_form(f'/post/{bobs_post}', body='Nice *post*!', follow_redirects=True)

    assert Page(response.text).flashes == ['Your comment has been published.']
    assert Page(response.text).texts('.comment-body') == ['Nice post !']
    assert saved_comments() == [('susan', 'Nice *post*!', False)]


def test_writing_a_comment_leads_to_the_last_page_at_the_comments(susan, bobs_post,
                                                                  post_form):
    response = post_form(f'/post/{bobs_post}', body='First!')

    assert response.status_code == 302
    assert response.location == f'/post/{bobs_post}?page=-1#comments'


def test_the_page_has_the_anchor_the_address_points_to(susan, bobs_post, client):
    page = Page(client.get(f'/post/{bobs_post}').text)

    assert page.soup.find(id='comments').get_text() == 'Comments'


def test_comments_read_oldest_first(susan, bobs_post, make_user, make_comment, client):
    carol = make_user('carol')
    make_comment(bobs_post, carol, 'second', timestamp=DAY_ONE + timedelta(hours=1))
    make_comment(bobs_post, susan, 'first', timestamp=DAY_ONE)
    make_comment(bobs_post, carol, 'third', timestamp=DAY_ONE + timedelta(hours=2))

    page = Page(client.get(f'/post/{bobs_post}').text)

    assert page.texts('.comment-body') == ['first', 'second', 'third']


@pytest.fixture
def seven_comments(app, susan, bobs_post, make_comment):
    """Comments 1 to 7 on Bob's post, three to a page."""
    app.config['COMMENTS_PER_PAGE'] = 3
    for n in range(1, 8):
        make_comment(bobs_post, susan, f'comment {n}', timestamp=DAY_ONE + timedelta(hours=n))


@pytest.mark.parametrize('query, shown', [
    ('', ['comment 1', 'comment 2', 'comment 3']),
    ('?page=2', ['comment 4', 'comment 5', 'comment 6']),
    ('?page=3', ['comment 7']),
    # -1 is the last page, however many there are.
    ('?page=-1', ['comment 7']),
])
def test_comments_come_a_page_at_a_time(seven_comments, bobs_post, client, query, shown):
    page = Page(client.get(f'/post/{bobs_post}{query}').text)

    assert page.texts('.comment-body') == shown


def test_the_bar_leads_to_newer_comments(seven_comments, bobs_post, client):
    page = Page(client.get(f'/post/{bobs_post}').text)

    assert page.link('Newer »') == f'/post/{bobs_post}?page=2#comments'


@pytest.mark.parametrize('page', ['4', '0', '-2', 'last'])
def test_a_page_that_is_not_there_is_not_found(seven_comments, bobs_post, client, page):
    assert client.get(f'/post/{bobs_post}?page={page}').status_code == 404


def test_the_last_page_of_no_comments_is_the_first(susan, bobs_post, client):
    response = client.get(f'/post/{bobs_post}?page=-1')

    assert response.status_code == 200
    assert Page(response.text).soup.find(id='comments') is not None
    assert Page(response.text).texts('.comment-body') == []


@pytest.mark.parametrize('count, text', [(0, '0 comments'), (1, '1 comment'),
                                         (2, '2 comments')])
def test_lists_of_posts_link_to_the_comments_with_their_number(
        susan, bobs_post, make_comment, client, count, text):
    for _ in range(count):
        make_comment(bobs_post, susan)

    for path in ('/index', '/user/bob', f'/post/{bobs_post}'):
        assert Page(client.get(path).text).link(text) == f'/post/{bobs_post}#comments', path


@pytest.fixture
def reader(make_role, make_user, log_in):
    """Rita's role lets her follow, but neither write nor comment; she is signed in."""
    make_role('Reader', 'FOLLOW')
    rita = make_user('rita', role='Reader')
    log_in(rita)
    return rita


def test_a_role_that_may_not_comment_sees_no_form(reader, bobs_post, make_comment,
                                                  make_user, client):
    make_comment(bobs_post, make_user('carol'), 'Carol was here')

    response = client.get(f'/post/{bobs_post}')

    assert Page(response.text).texts('.comment-body') == ['Carol was here']
    assert Page(response.text).soup.find('textarea', attrs={'name': 'body'}) is None


def test_a_role_that_may_not_comment_gets_403(reader, bobs_post, client, saved_comments):
    token = csrf_token(client.get('/edit_profile').text)

    response = client.post(f'/post/{bobs_post}', data={'csrf_token': token, 'body': 'Hi'})

    assert response.status_code == 403
    assert saved_comments() == []


@pytest.mark.parametrize('fields, field, error', [
    ({'body': ''}, 'body', 'This field is required.'),
    ({'body': '   '}, 'body', 'This field is required.'),
    ({'body': 'x' * 501}, 'body', 'Field cannot be longer than 500 characters.'),
    ({'body': 'Hi', 'csrf_token': 'forged'}, 'csrf_token', 'The CSRF token is invalid.'),
])
def test_a_bad_comment_is_refused_and_nothing_saved(susan, bobs_post, post_form,
                                                    database_contents, fields, field, error):
    before = database_contents(ignoring=SIGNED_IN_WRITES)

    response = post_form(f'/post/{bobs_post}', **fields)

    assert response.status_code == 200
    assert Page(response.text).errors(field) == [error]
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before


def test_a_json_body_is_refused_as_if_empty(susan, bobs_post, client, saved_comments):
    token = csrf_token(client.get(f'/post/{bobs_post}').text)

    response = client.post(f'/post/{bobs_post}',
                           json={'csrf_token': token, 'body': 'Hi', **ODD_JSON_VALUES})

    assert_refused_as_empty(response, 'body')
    assert saved_comments() == []


def test_a_post_without_the_token_is_refused(susan, bobs_post, client, saved_comments):
    response = client.post(f'/post/{bobs_post}', data={'body': 'Hi'})

    assert Page(response.text).errors('csrf_token') == ['The CSRF token is missing.']
    assert saved_comments() == []
