"""Hostile bodies against every endpoint that writes: each gets a 4xx with a JSON error
that says what is wrong, and nothing is written."""
import json

import pytest

from shared.pages import ODD_JSON_VALUES

# Lists in lists, 5000 deep: Python 3.11 and 3.12's json gives up (RecursionError, which
# the app answers as JSON it cannot read); 3.13's reads it, a list, which is no object.
TOO_DEEP = b'[' * 5000 + b']' * 5000


def json_gives_up(data):
    try:
        json.loads(data)
    except RecursionError:
        return True
    return False


# (what is sent, as raw bytes and a content type) -> (status, message)
HOSTILE_BODIES = {
    'no body': (b'', 'application/json', 400, 'The request body is not valid JSON.'),
    'not JSON': (b'body=Hi', 'application/json', 400, 'The request body is not valid JSON.'),
    'a form post': (b'body=Hi', 'application/x-www-form-urlencoded', 415,
                    'Send JSON, with Content-Type: application/json.'),
    'no content type': (b'{"body": "Hi"}', None, 415,
                        'Send JSON, with Content-Type: application/json.'),
    'JSON as plain text': (b'{"body": "Hi"}', 'text/plain', 415,
                           'Send JSON, with Content-Type: application/json.'),
    'a list': (b'[{"body": "Hi"}]', 'application/json', 400,
               'The request body must be a JSON object.'),
    'a string': (b'"Hi"', 'application/json', 400, 'The request body must be a JSON object.'),
    'null': (b'null', 'application/json', 400, 'The request body must be a JSON object.'),
    'an empty object': (b'{}', 'application/json', 400, 'The body is missing.'),
    'an extra field': (b'{"body": "Hi", "author_url": "/api/v1/users/1"}', 'application/json',
                       400, 'Unknown field: author_url.'),
    'a blank body': (b'{"body": "  \\n "}', 'application/json', 400, 'The body is empty.'),
    'nested too deep': (TOO_DEEP, 'application/json', 400,
                        'The request body is not valid JSON.' if json_gives_up(TOO_DEEP) else
                        'The request body must be a JSON object.'),
    'a number too long to read': (b'{"body": ' + b'9' * 5000 + b'}', 'application/json', 400,
                                  'The request body is not valid JSON.'),
    'not UTF-8': (b'{"body": "\xff"}', 'application/json', 400,
                  'The request body is not valid JSON.'),
    'huge': (json.dumps({'body': 'x' * 20_000}).encode(), 'application/json', 413,
             'The data value transmitted exceeds the capacity limit.'),
    **{f'a body that is {name}': (
        json.dumps({'body': value}).encode(), 'application/json', 400,
        'The body is not valid text.' if name == 'a-lone-surrogate' else
        'The body is missing.' if value is None else 'The body must be a string.')
       for name, value in ODD_JSON_VALUES.items()},
}

# The endpoints that write, and how many characters a body may have there.
WRITERS = {
    'new post': ('POST', '/api/v1/posts/', 140),
    'edited post': ('PUT', '/api/v1/posts/{post}', 140),
    'new comment': ('POST', '/api/v1/posts/{post}/comments/', 500),
}


@pytest.mark.parametrize('writer', WRITERS)
@pytest.mark.parametrize('hostile', HOSTILE_BODIES)
def test_a_hostile_body_is_refused_and_nothing_is_written(
        make_user, make_post, client, database_contents, writer, hostile):
    data, content_type, status, message = HOSTILE_BODIES[hostile]
    method, path, _ = WRITERS[writer]
    alice = make_user('alice')
    path = path.format(post=make_post(alice, 'As it was'))
    before = database_contents()

    response = client.open(path, method=method, data=data, content_type=content_type,
                           auth=alice.credentials)

    assert response.status_code == status
    assert response.json['error']
    assert response.json['message'] == message
    assert database_contents() == before


@pytest.mark.parametrize('writer', WRITERS)
def test_a_body_just_long_enough_is_taken(make_user, make_post, client, writer):
    method, path, limit = WRITERS[writer]
    alice = make_user('alice')
    path = path.format(post=make_post(alice))

    response = client.open(path, method=method, json={'body': 'x' * limit},
                           auth=alice.credentials)

    assert response.status_code in (200, 201)
    assert response.json['body'] == 'x' * limit


@pytest.mark.parametrize('writer', WRITERS)
def test_a_body_one_character_too_long_is_refused(make_user, make_post, client,
                                                  database_contents, writer):
    method, path, limit = WRITERS[writer]
    alice = make_user('alice')
    path = path.format(post=make_post(alice))
    before = database_contents()

    response = client.open(path, method=method, json={'body': 'x' * (limit + 1)},
                           auth=alice.credentials)

    assert response.status_code == 400
    assert response.json['message'] == f'The body is longer than {limit} characters.'
    assert database_contents() == before
