"""Every resource of Table 14-3 with every method it allows, and one it does not: 200 or
201 for the first, 405 in JSON for the other, and never a cookie."""
import pytest

# (method, path, JSON body) -> status; {user} and {post} and {comment} are filled in.
TABLE_14_3 = [
    ('GET', '/api/v1/users/{user}', None, 200),
    ('POST', '/api/v1/users/{user}', {'body': 'x'}, 405),
    ('GET', '/api/v1/users/{user}/posts/', None, 200),
    ('POST', '/api/v1/users/{user}/posts/', {'body': 'x'}, 405),
    ('GET', '/api/v1/users/{user}/timeline/', None, 200),
    ('DELETE', '/api/v1/users/{user}/timeline/', None, 405),
    ('GET', '/api/v1/posts/', None, 200),
    ('POST', '/api/v1/posts/', {'body': 'New'}, 201),
    ('PUT', '/api/v1/posts/', {'body': 'x'}, 405),
    ('GET', '/api/v1/posts/{post}', None, 200),
    ('PUT', '/api/v1/posts/{post}', {'body': 'Changed'}, 200),
    ('DELETE', '/api/v1/posts/{post}', None, 405),
    ('GET', '/api/v1/posts/{post}/comments/', None, 200),
    ('POST', '/api/v1/posts/{post}/comments/', {'body': 'Nice'}, 201),
    ('DELETE', '/api/v1/posts/{post}/comments/', None, 405),
    ('GET', '/api/v1/comments/', None, 200),
    ('POST', '/api/v1/comments/', {'body': 'x'}, 405),
    ('GET', '/api/v1/comments/{comment}', None, 200),
    ('PUT', '/api/v1/comments/{comment}', {'body': 'x'}, 405),
    ('POST', '/api/v1/tokens/', None, 200),
    ('GET', '/api/v1/tokens/', None, 405),
]


@pytest.fixture
def alices_things(make_user, make_post, make_comment):
    """Alice, a post of hers and a comment on it: what the table's paths name."""
    alice = make_user('alice')
    post = make_post(alice)
    return alice, {'user': alice.id, 'post': post, 'comment': make_comment(post, alice)}


@pytest.mark.parametrize('method, path, body, status', TABLE_14_3,
                         ids=[f'{method} {path}' for method, path, _, _ in TABLE_14_3])
def test_each_resource_answers_each_method(client, alices_things, method, path, body,
                                           status):
    alice, ids = alices_things

    response = client.open(path.format(**ids), method=method, json=body,
                           auth=alice.credentials)

    assert response.status_code == status
    assert response.mimetype == 'application/json'
    assert 'Set-Cookie' not in response.headers
    if status == 405:
        assert response.json == {'error': 'Method Not Allowed',
                                 'message': f'{method} is not allowed here.'}
        allowed = {m for m, p, _, s in TABLE_14_3 if p == path and s != 405}
        assert allowed <= set(response.headers['Allow'].split(', '))
        assert method not in response.headers['Allow']


def test_a_collection_without_its_slash_is_redirected_to_it(make_user, client):
    alice = make_user('alice')

    response = client.get('/api/v1/posts', auth=alice.credentials)

    # 308 keeps the method and the body: a POST is sent again, as a POST.
    assert response.status_code == 308
    assert response.location == 'http://localhost/api/v1/posts/'


def test_a_post_to_a_collection_without_its_slash_arrives(make_user, client, saved_posts):
    alice = make_user('alice')

    response = client.post('/api/v1/posts', json={'body': 'Hi'}, auth=alice.credentials,
                           follow_redirects=True)

    assert response.status_code == 201
    assert saved_posts() == [('alice', 'Hi', '<p>Hi</p>')]


def test_a_single_resource_with_a_slash_is_not_found(make_user, make_post, client):
    alice = make_user('alice')
    post = make_post(alice)

    response = client.get(f'/api/v1/posts/{post}/', auth=alice.credentials)

    assert response.status_code == 404
    assert response.json['error'] == 'Not Found'


def test_an_address_the_api_does_not_have_is_404_in_json(make_user, client):
    alice = make_user('alice')

    response = client.get('/api/v1/everything', auth=alice.credentials)

    assert response.status_code == 404
    assert response.json['error'] == 'Not Found'


@pytest.mark.parametrize('path', ['/api/v1/posts/9223372036854775808',
                                  '/api/v1/posts/?page=9223372036854775807'])
def test_numbers_too_large_for_the_database_are_404_not_500(app, make_user, client, path):
    app.config['PROPAGATE_EXCEPTIONS'] = False
    alice = make_user('alice')

    response = client.get(path, auth=alice.credentials)

    assert response.status_code == 404
    assert response.json['error'] == 'Not Found'


def test_the_sites_pages_take_only_ids_the_database_can_hold(app, susan, client):
    app.config['PROPAGATE_EXCEPTIONS'] = False

    assert client.get('/post/9223372036854775807').status_code == 404
    assert client.get('/post/9223372036854775808').status_code == 404
