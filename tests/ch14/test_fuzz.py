"""Beyond the book: requests that Hypothesis makes up (any method, any of the API's
addresses with any ids and query strings, any credentials, any body) never get a 500;
every error is JSON that names it and says why. Run with -s to see how many requests
were made and how they were answered."""
import json
from collections import Counter
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from werkzeug.datastructures import Authorization

# The API's addresses ({} is an id, or anything else) and their methods, mostly
# the ones that work, so that the bodies reach the code that reads them.
TEMPLATES = {
    '/api/v1/users/{}': ['GET'], '/api/v1/users/{}/posts/': ['GET'],
    '/api/v1/users/{}/timeline/': ['GET'], '/api/v1/posts/': ['GET', 'POST'],
    '/api/v1/posts/{}': ['GET', 'PUT'], '/api/v1/posts/{}/comments/': ['GET', 'POST'],
    '/api/v1/comments/': ['GET'], '/api/v1/comments/{}': ['GET'], '/api/v1/tokens/': ['POST'],
    '/api/v1/{}': [], '/api/v1/posts': [],
}
METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']
addresses = st.one_of(
    st.sampled_from([(method, template) for template, methods in TEMPLATES.items()
                     for method in methods]),
    st.tuples(st.sampled_from(METHODS), st.sampled_from(list(TEMPLATES))))
ids = st.one_of(st.sampled_from([1, 2]), st.integers(),
                st.text(max_size=8)).map(lambda id: quote(str(id), safe=''))
query_values = st.one_of(st.integers().map(str), st.text(max_size=8))
queries = st.one_of(st.just({}), st.dictionaries(st.sampled_from(['page', 'per_page', 'x']),
                                                query_values, max_size=2))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=200),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3),
    max_leaves=8)
# Mostly JSON objects with a body, which may or may not be text of the right length.
bodies = st.one_of(
    st.fixed_dictionaries({'body': st.text(min_size=1, max_size=160)}),
    st.fixed_dictionaries({'body': json_values}),
    json_values,
).map(lambda value: json.dumps(value).encode()) | st.binary(max_size=100)
EXAMPLES = 200
content_types = st.one_of(st.just('application/json'), st.sampled_from(
    ['text/plain', 'application/x-www-form-urlencoded', None]))


def basic(email, password):
    return {'Authorization': Authorization('basic', {'username': email,
                                                     'password': password}).to_header()}


@pytest.fixture
def credentials(make_user, make_post, make_comment, bearer):
    """Alice and Ada (an administrator) have each written a post, with a comment on it.
    What a request may authenticate with: half the time Alice's password or token or
    Ada's token; else nothing, an unconfirmed newcomer's password, a wrong password, a
    forged token, a scheme the API does not know, or nonsense."""
    alice = make_user('alice')
    ada = make_user('ada', role='Administrator')
    newcomer = make_user('newcomer', confirmed=False)
    for author in alice, ada:
        make_comment(make_post(author), author)
    return st.one_of(
        st.sampled_from([basic(*alice.credentials), bearer(alice), bearer(ada)]),
        st.sampled_from([{}, basic(*newcomer.credentials), basic(alice.email, 'wrong'),
                         {'Authorization': 'Bearer eyJhcGkiOjF9.Zm9yZ2Vk.bm90LXNpZ25lZA'},
                         {'Authorization': 'Digest nonsense'},
                         {'Authorization': 'Basic %%%'}]))


def test_made_up_requests_never_get_a_500(app, client, credentials):
    app.config['PROPAGATE_EXCEPTIONS'] = False
    answered = Counter()

    @settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(address=addresses, id=ids, query=queries, headers=credentials,
           body=bodies, content_type=content_types)
    def request(address, id, query, headers, body, content_type):
        method, template = address
        response = client.open(template.format(id), method=method, query_string=query,
                               headers=headers, data=body, content_type=content_type)
        answered[response.status_code] += 1
        assert response.status_code != 500
        if response.status_code >= 400 and method != 'HEAD':
            assert set(response.json) == {'error', 'message'}

    request()

    print(f'\n{sum(answered.values())} requests made up; answered:',
          ', '.join(f'{status} x {count}' for status, count in sorted(answered.items())))
    # Hypothesis makes a request at most once: a few fewer than asked for is no failure.
    assert sum(answered.values()) >= EXAMPLES * 0.9
