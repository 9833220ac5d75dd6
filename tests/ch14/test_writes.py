"""Writing through the API: POST makes a post or a comment (201, and where it lives), PUT
changes a post; each for those allowed to, and nothing written for anyone else."""
import pytest

API = 'http://localhost/api/v1'


def test_posting_makes_a_post_by_whoever_sent_it(make_user, client, saved_posts):
    alice = make_user('alice')

    response = client.post('/api/v1/posts/', auth=alice.credentials,
                           json={'body': 'From the *API*'})

    assert response.status_code == 201
    assert saved_posts() == [('alice', 'From the *API*', '<p>From the <em>API</em></p>')]
    assert response.json['body_html'] == '<p>From the <em>API</em></p>'
    assert response.json['author_url'] == f'{API}/users/{alice.id}'


def test_a_new_post_says_where_it_lives(make_user, client):
    alice = make_user('alice')

    response = client.post('/api/v1/posts/', auth=alice.credentials, json={'body': 'Hi'})

    assert response.location == response.json['url']
    assert client.get(response.location, auth=alice.credentials).json == response.json


def test_commenting_makes_a_comment_on_that_post(make_user, make_post, client,
                                                 saved_comments):
    alice, bob = make_user('alice'), make_user('bob')
    post = make_post(bob, "Bob's post")

    response = client.post(f'/api/v1/posts/{post}/comments/', auth=alice.credentials,
                           json={'body': 'Nice!'})

    assert response.status_code == 201
    assert response.json['post_url'] == f'{API}/posts/{post}'
    assert client.get(response.location, auth=alice.credentials).json == response.json
    assert saved_comments() == [('alice', 'Nice!', False)]


def test_the_author_changes_a_post_with_put(make_user, make_post, client, saved_posts):
    alice = make_user('alice')
    post = make_post(alice, 'First try')

    response = client.put(f'/api/v1/posts/{post}', auth=alice.credentials,
                          json={'body': 'Second *try*'})

    assert response.status_code == 200
    assert response.json['body_html'] == '<p>Second <em>try</em></p>'
    assert saved_posts() == [('alice', 'Second *try*', '<p>Second <em>try</em></p>')]


def test_an_administrator_changes_anyones_post(make_user, make_post, client, saved_posts):
    alice, admin = make_user('alice'), make_user('ada', role='Administrator')
    post = make_post(alice, 'Tpyo')

    response = client.put(f'/api/v1/posts/{post}', auth=admin.credentials,
                          json={'body': 'Typo'})

    assert response.status_code == 200
    assert saved_posts() == [('alice', 'Typo', '<p>Typo</p>')]


def test_nobody_else_changes_a_post(make_user, make_post, client, saved_posts):
    alice, bob = make_user('alice'), make_user('bob', role='Moderator')
    post = make_post(alice, 'Mine')

    response = client.put(f'/api/v1/posts/{post}', auth=bob.credentials,
                          json={'body': 'Yours'})

    assert response.status_code == 403
    assert response.json == {'error': 'Forbidden', 'message':
                             'Only its author or an administrator may edit a post.'}
    assert saved_posts() == [('alice', 'Mine', '<p>Mine</p>')]


@pytest.mark.parametrize('permission, path', [
    ('WRITE', '/api/v1/posts/'),
    ('COMMENT', '/api/v1/posts/{post}/comments/'),
])
def test_writing_needs_the_permission(make_role, make_user, make_post, client,
                                      database_contents, permission, path):
    others = {'WRITE': 'COMMENT', 'COMMENT': 'WRITE'}
    make_role('Almost', 'FOLLOW', others[permission], 'MODERATE')
    reader = make_user('reader', role='Almost')
    path = path.format(post=make_post(make_user('bob')))
    before = database_contents()

    response = client.post(path, auth=reader.credentials, json={'body': 'Hello'})

    assert response.status_code == 403
    assert response.json == {'error': 'Forbidden', 'message': 'Insufficient permissions.'}
    assert database_contents() == before


def test_commenting_on_a_post_that_is_not_there_is_404(make_user, client, database_contents):
    alice = make_user('alice')
    before = database_contents()

    response = client.post('/api/v1/posts/99/comments/', auth=alice.credentials,
                           json={'body': 'Hello?'})

    assert response.status_code == 404
    assert response.json['message'] == 'There is no post 99.'
    assert database_contents() == before
