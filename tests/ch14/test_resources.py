"""The resources of the API (the book's Table 14-3) as JSON: a URL of their own, links to
what they relate to, and nothing private."""
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

DAY_ONE = datetime(2024, 5, 17, 9, 30, tzinfo=timezone.utc)
API = 'http://localhost/api/v1'


def test_a_user(make_user, client):
    alice = make_user('alice', name='Alice Liddell', location='Oxford', about_me='Curious',
                      member_since=DAY_ONE)

    response = client.get(f'/api/v1/users/{alice.id}', auth=alice.credentials)

    assert response.status_code == 200
    assert response.mimetype == 'application/json'
    user = response.json
    assert user.pop('last_seen').endswith('Z')
    assert user == {
        'url': f'{API}/users/{alice.id}',
        'username': 'alice',
        'name': 'Alice Liddell',
        'location': 'Oxford',
        'about_me': 'Curious',
        'member_since': '2024-05-17T09:30:00Z',
        'posts_url': f'{API}/users/{alice.id}/posts/',
        'timeline_url': f'{API}/users/{alice.id}/timeline/',
        'post_count': 0,
    }


def test_a_user_without_dates_has_null_for_them(make_user, client):
    alice = make_user('alice')
    # As chapter 10's migration left every account it found. (None would get the
    # columns' defaults; sa.null() is NULL.)
    bob = make_user('bob', member_since=sa.null(), last_seen=sa.null())

    response = client.get(f'/api/v1/users/{bob.id}', auth=alice.credentials)

    assert response.status_code == 200
    assert (response.json['member_since'], response.json['last_seen']) == (None, None)


def test_a_user_counts_their_posts(make_user, make_post, client):
    alice, bob = make_user('alice'), make_user('bob')
    make_post(bob, 'one')
    make_post(bob, 'two')
    make_post(alice, 'three')

    assert client.get(f'/api/v1/users/{bob.id}', auth=alice.credentials).json[
        'post_count'] == 2


def test_no_email_address_or_password_hash_is_shown(make_user, client):
    alice, bob = make_user('alice'), make_user('bob')

    response = client.get(f'/api/v1/users/{bob.id}', auth=alice.credentials)

    assert response.json['username'] == 'bob'
    assert 'bob@example.com' not in response.text
    assert 'scrypt' not in response.text


def test_a_post(make_user, make_post, make_comment, client):
    alice = make_user('alice')
    post = make_post(alice, 'Hello, *world*', timestamp=DAY_ONE)
    make_comment(post, alice, 'first')

    response = client.get(f'/api/v1/posts/{post}', auth=alice.credentials)

    assert response.status_code == 200
    assert response.json == {
        'url': f'{API}/posts/{post}',
        'body': 'Hello, *world*',
        'body_html': '<p>Hello, <em>world</em></p>',
        'timestamp': '2024-05-17T09:30:00Z',
        'author_url': f'{API}/users/{alice.id}',
        'comments_url': f'{API}/posts/{post}/comments/',
        'comment_count': 1,
    }


def test_a_comment(make_user, make_post, make_comment, client):
    alice = make_user('alice')
    post = make_post(alice)
    comment = make_comment(post, alice, 'Nice *post*', timestamp=DAY_ONE)

    response = client.get(f'/api/v1/comments/{comment}', auth=alice.credentials)

    assert response.status_code == 200
    assert response.json == {
        'url': f'{API}/comments/{comment}',
        'post_url': f'{API}/posts/{post}',
        'body': 'Nice *post*',
        'body_html': '<p>Nice <em>post</em></p>',
        'timestamp': '2024-05-17T09:30:00Z',
        'author_url': f'{API}/users/{alice.id}',
        'disabled': False,
    }


def test_a_disabled_comment_keeps_its_words_to_itself(make_user, make_post, make_comment,
                                                       client):
    alice = make_user('alice')
    comment = make_comment(make_post(alice), alice, 'Rude words', disabled=True)

    response = client.get(f'/api/v1/comments/{comment}', auth=alice.credentials)

    assert response.json['disabled'] is True
    assert response.json['body'] is None and response.json['body_html'] is None
    assert 'Rude' not in response.text


def test_every_link_leads_to_the_resource_it_names(make_user, make_post, make_comment,
                                                   client):
    alice = make_user('alice')
    post = make_post(alice)
    make_comment(post, alice)

    def get(url):
        response = client.get(url, auth=alice.credentials)
        assert response.status_code == 200, url
        return response.json

    user = get(f'/api/v1/users/{alice.id}')
    post_json = get(user['posts_url'])['posts'][0]
    assert get(user['timeline_url'])['posts'] == [post_json]
    assert get(post_json['url']) == post_json
    assert get(post_json['author_url']) == user
    comment = get(post_json['comments_url'])['comments'][0]
    assert get(comment['url']) == comment
    assert get(comment['post_url']) == post_json
    assert get(comment['author_url']) == user
    assert get('/api/v1/comments/')['comments'] == [comment]


@pytest.mark.parametrize('path, key', [
    ('/api/v1/posts/', 'posts'),
    ('/api/v1/users/{alice}/posts/', 'posts'),
    ('/api/v1/users/{alice}/timeline/', 'posts'),
    ('/api/v1/comments/', 'comments'),
    ('/api/v1/posts/{post}/comments/', 'comments'),
])
def test_collections_come_a_page_at_a_time(app, make_user, make_post, make_comment, client,
                                           path, key):
    app.config.update(POSTS_PER_PAGE=2, COMMENTS_PER_PAGE=2)
    alice = make_user('alice')
    post = make_post(alice, 'post 0', timestamp=DAY_ONE)
    for n in range(1, 5):
        make_post(alice, f'post {n}', timestamp=DAY_ONE + timedelta(hours=n))
        make_comment(post, alice, f'comment {n}', timestamp=DAY_ONE + timedelta(hours=n))
    path = path.format(alice=alice.id, post=post)

    first = client.get(path, auth=alice.credentials).json
    second = client.get(first['next'], auth=alice.credentials).json

    assert len(first[key]) == len(second[key]) == 2
    assert first['prev'] is None
    assert first['next'] == f'http://localhost{path}?page=2'
    assert second['prev'] == f'http://localhost{path}?page=1'
    assert first['count'] == second['count'] == (5 if key == 'posts' else 4)
    assert not {item['url'] for item in first[key]} & {item['url'] for item in second[key]}


def test_posts_come_newest_first(make_user, make_post, client):
    alice = make_user('alice')
    for n in (1, 3, 2):
        make_post(alice, f'post {n}', timestamp=DAY_ONE + timedelta(hours=n))

    posts = client.get('/api/v1/posts/', auth=alice.credentials).json['posts']

    assert [post['body'] for post in posts] == ['post 3', 'post 2', 'post 1']


def test_comments_on_a_post_come_oldest_first_and_all_comments_newest_first(
        make_user, make_post, make_comment, client):
    alice = make_user('alice')
    post = make_post(alice)
    for n in (1, 3, 2):
        make_comment(post, alice, f'comment {n}', timestamp=DAY_ONE + timedelta(hours=n))

    def bodies(path):
        return [c['body'] for c in client.get(path, auth=alice.credentials).json['comments']]

    assert bodies(f'/api/v1/posts/{post}/comments/') == ['comment 1', 'comment 2', 'comment 3']
    assert bodies('/api/v1/comments/') == ['comment 3', 'comment 2', 'comment 1']


def test_per_page_asks_for_more_up_to_the_maximum(app, make_user, make_post, client):
    app.config.update(POSTS_PER_PAGE=1, MAX_POSTS_PER_PAGE=3)
    alice = make_user('alice')
    for n in range(4):
        make_post(alice, f'post {n}')

    two = client.get('/api/v1/posts/?per_page=2', auth=alice.credentials).json
    too_many = client.get('/api/v1/posts/?per_page=50', auth=alice.credentials).json

    assert len(two['posts']) == 2
    assert two['next'] == 'http://localhost/api/v1/posts/?page=2&per_page=2'
    assert len(too_many['posts']) == 3
    assert too_many['next'] == 'http://localhost/api/v1/posts/?page=2&per_page=3'


def test_a_page_past_the_end_is_404(make_user, make_post, client):
    alice = make_user('alice')
    make_post(alice)

    response = client.get('/api/v1/posts/?page=2', auth=alice.credentials)

    assert response.status_code == 404
    assert response.json['error'] == 'Not Found'


def test_an_empty_collection_is_one_empty_page(make_user, client):
    alice = make_user('alice')

    response = client.get('/api/v1/comments/', auth=alice.credentials)

    assert response.json == {'comments': [], 'prev': None, 'next': None, 'count': 0}


def test_the_timeline_holds_the_posts_of_those_the_user_follows(
        make_user, make_post, make_follow, client):
    alice, bob, carol = make_user('alice'), make_user('bob'), make_user('carol')
    make_follow(alice, bob)
    make_post(alice, "Alice's")
    make_post(bob, "Bob's")
    make_post(carol, "Carol's")

    posts = client.get(f'/api/v1/users/{alice.id}/timeline/', auth=carol.credentials).json

    assert sorted(post['body'] for post in posts['posts']) == ["Alice's", "Bob's"]


def test_a_users_posts_are_theirs_alone(make_user, make_post, client):
    alice, bob = make_user('alice'), make_user('bob')
    make_post(alice, "Alice's")
    make_post(bob, "Bob's")

    posts = client.get(f'/api/v1/users/{bob.id}/posts/', auth=alice.credentials).json

    assert [post['body'] for post in posts['posts']] == ["Bob's"]
    assert posts['count'] == 1


@pytest.mark.parametrize('path', ['/api/v1/users/99', '/api/v1/users/99/posts/',
                                  '/api/v1/users/99/timeline/', '/api/v1/posts/99',
                                  '/api/v1/posts/99/comments/', '/api/v1/comments/99'])
def test_what_is_not_there_is_404_in_json(make_user, client, path):
    alice = make_user('alice')

    response = client.get(path, auth=alice.credentials)

    assert response.status_code == 404
    assert response.json['error'] == 'Not Found'
    assert ' 99.' in response.json['message']
