"""Writing posts on the home page (for roles that may WRITE), reading them newest first on
the home page, on profiles and at their permalinks, and editing them (author or
administrator)."""
from datetime import datetime, timedelta, timezone

import pytest

from shared.database import SIGNED_IN_WRITES
from shared.pages import ODD_JSON_VALUES, Page, assert_refused_as_empty, csrf_token

DAY_ONE = datetime(2024, 5, 17, 9, 30, tzinfo=timezone.utc)


def test_a_post_is_saved_with_its_author_and_shown(susan, post_form, saved_posts):
    response = post_form('/index', body='Hello, *world*!', follow_redirects=True)

    page = Page(response.text)
    assert page.flashes == ['Your post is now live!']
    assert page.texts('.post-body') == ['Hello, world !']
    assert saved_posts() == [('susan', 'Hello, *world*!', '<p>Hello, <em>world</em>!</p>')]


def test_posting_redirects_home_so_a_reload_does_not_post_again(susan, post_form):
    response = post_form('/index', body='Once')

    assert response.status_code == 302
    assert response.location == '/index'


def test_home_page_shows_every_post_newest_first(susan, make_user, make_post, client):
    bob = make_user('bob')
    make_post(bob, 'second', timestamp=DAY_ONE + timedelta(hours=1))
    make_post(susan, 'third', timestamp=DAY_ONE + timedelta(hours=2))
    make_post(bob, 'first', timestamp=DAY_ONE)

    page = Page(client.get('/index').text)

    assert page.texts('.post-body') == ['third', 'second', 'first']


def test_profile_page_shows_only_that_persons_posts(susan, make_user, make_post, client):
    bob = make_user('bob')
    make_post(bob, 'old news from bob', timestamp=DAY_ONE)
    make_post(susan, 'from susan')
    make_post(bob, 'news from bob', timestamp=DAY_ONE + timedelta(days=1))

    page = Page(client.get('/user/bob').text)

    assert page.texts('.post-body') == ['news from bob', 'old news from bob']


def test_each_post_shows_its_author_avatar_and_links(susan, make_post, client):
    post_id = make_post(susan, 'Hello')

    post = Page(client.get('/index').text).soup.select_one('.post')
    links = {link.get_text(strip=True): link['href'] for link in post.find_all('a')}

    assert links['susan'] == '/user/susan'
    assert links['Permalink'] == f'/post/{post_id}'
    image = post.find('img')
    assert (image['width'], image['height']) == ('36', '36')
    assert image['src'].startswith('https://www.gravatar.com/avatar/')


@pytest.mark.green_at_start(reason='chapter 10 shows nobody a post form; this guards that '
                                   'the new one stays hidden from roles without WRITE')
def test_someone_who_may_not_write_sees_no_post_form(reader, client):
    page = Page(client.get('/index').text)

    assert page.soup.find('textarea', attrs={'name': 'body'}) is None


def test_a_forged_post_from_someone_who_may_not_write_is_refused(reader, client,
                                                                  database_contents):
    # Rita takes a CSRF token from another of her pages and posts anyway.
    token = csrf_token(client.get('/edit_profile').text)
    before = database_contents(ignoring=SIGNED_IN_WRITES)

    response = client.post('/index', data={'csrf_token': token, 'body': 'Let me in'})

    assert response.status_code == 403
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before


@pytest.mark.parametrize('body, error', [
    ('', 'This field is required.'),
    ('   ', 'This field is required.'),
    ('x' * 141, 'Field cannot be longer than 140 characters.'),
])
@pytest.mark.parametrize('path', ['/index', 'edit'])
def test_a_bad_post_shows_a_form_error_and_writes_nothing(susan, make_post, post_form,
                                                         database_contents, path, body,
                                                         error):
    if path == 'edit':
        path = f'/edit/{make_post(susan, "As it was")}'
    before = database_contents(ignoring=SIGNED_IN_WRITES)

    response = post_form(path, body=body)

    assert response.status_code == 200
    assert Page(response.text).errors('body') == [error]
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before


@pytest.mark.parametrize('path', ['/index', 'edit'])
def test_a_post_without_csrf_token_is_refused(susan, make_post, client, database_contents,
                                              path):
    if path == 'edit':
        path = f'/edit/{make_post(susan, "As it was")}'
    before = database_contents(ignoring=SIGNED_IN_WRITES)

    response = client.post(path, data={'body': 'No token'})

    assert Page(response.text).errors('csrf_token') == ['The CSRF token is missing.']
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before


@pytest.mark.parametrize('value', ODD_JSON_VALUES.values(), ids=ODD_JSON_VALUES)
def test_json_with_an_odd_value_is_refused_and_writes_nothing(susan, client,
                                                              database_contents, value):
    before = database_contents(ignoring=SIGNED_IN_WRITES)

    response = client.post('/index', json={'body': value})

    assert_refused_as_empty(response, 'body')
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before


def test_permalink_shows_the_post(susan, make_post, client):
    post_id = make_post(susan, 'A *fine* day')

    response = client.get(f'/post/{post_id}')

    assert response.status_code == 200
    assert Page(response.text).texts('.post-body') == ['A fine day']


@pytest.mark.parametrize('path', ['/post', '/edit'])
def test_an_unknown_post_is_404(susan, make_post, client, path):
    post_id = make_post(susan, 'Here')

    assert client.get(f'{path}/{post_id}').status_code == 200
    assert client.get(f'{path}/{post_id + 1}').status_code == 404


def test_the_author_edits_a_post_and_its_html_follows(susan, make_post, post_form, client,
                                                      saved_posts):
    post_id = make_post(susan, 'Frist post')
    assert Page(client.get(f'/edit/{post_id}').text).value('body') == 'Frist post'

    response = post_form(f'/edit/{post_id}', body='First **post**', follow_redirects=True)

    assert Page(response.text).flashes == ['The post has been updated.']
    assert Page(response.text).texts('.post-body') == ['First post']
    assert saved_posts() == [('susan', 'First **post**', '<p>First <strong>post</strong></p>')]


def test_an_administrator_edits_anyones_post(make_user, make_post, log_in, post_form,
                                             saved_posts):
    post_id = make_post(make_user('susan'), 'Spam, spam')
    log_in(make_user('boss', role='Administrator'))

    response = post_form(f'/edit/{post_id}', body='(removed)')

    assert response.location == f'/post/{post_id}'
    assert saved_posts() == [('susan', '(removed)', '<p>(removed)</p>')]


@pytest.mark.parametrize('role', ['User', 'Moderator'])
@pytest.mark.parametrize('method', ['get', 'post'])
def test_editing_someone_elses_post_is_forbidden(make_user, make_post, log_in, client,
                                                 database_contents, role, method):
    post_id = make_post(make_user('susan'), 'Mine')
    log_in(make_user('bob', role=role))
    token = csrf_token(client.get('/edit_profile').text)
    before = database_contents(ignoring=SIGNED_IN_WRITES)

    response = getattr(client, method)(f'/edit/{post_id}',
                                       data={'csrf_token': token, 'body': 'Yours now'})

    assert response.status_code == 403
    assert database_contents(ignoring=SIGNED_IN_WRITES) == before


def test_editing_asks_a_visitor_who_is_not_signed_in_to_sign_in(make_user, make_post, client):
    post_id = make_post(make_user('susan'), 'Mine')

    response = client.get(f'/edit/{post_id}')

    assert response.location == f'/login?next=%2Fedit%2F{post_id}'


@pytest.mark.parametrize('viewer, role, sees_edit', [
    ('susan', 'User', True), ('bob', 'User', False), ('boss', 'Administrator', True)])
def test_the_edit_link_shows_for_the_author_and_administrators(make_user, make_post, log_in,
                                                               client, viewer, role,
                                                               sees_edit):
    susan = make_user('susan')
    post_id = make_post(susan, 'Mine')
    log_in(susan if viewer == 'susan' else make_user(viewer, role=role))

    response = client.get(f'/post/{post_id}')

    assert response.status_code == 200
    assert (Page(response.text).link('Edit') == f'/edit/{post_id}') == sees_edit
