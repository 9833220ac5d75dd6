"""Every collection of the API costs the same number of queries, whether its page holds
two items or twenty: each item's author, comment count and links come with the page."""
import pytest

COLLECTIONS = ['/api/v1/posts/', '/api/v1/users/{alice}/posts/',
               '/api/v1/users/{alice}/timeline/', '/api/v1/comments/',
               '/api/v1/posts/{post}/comments/']


@pytest.fixture
def three_friends(app, make_user, make_post, make_follow):
    """Alice, Bob and Carol; Alice follows the other two, and has written one post.
    Pages hold up to twenty items."""
    app.config.update(POSTS_PER_PAGE=20, COMMENTS_PER_PAGE=20)
    alice, bob, carol = make_user('alice'), make_user('bob'), make_user('carol')
    make_follow(alice, bob)
    make_follow(alice, carol)
    return alice, bob, carol, make_post(alice)


@pytest.fixture
def write(three_friends, make_post, make_comment):
    """write(n): the three write n more posts, and n more comments on Alice's post."""
    *people, first_post = three_friends

    def write(n):
        for i in range(n):
            make_post(people[i % 3])
            make_comment(first_post, people[i % 3])
    return write


@pytest.fixture
def queries_of_api(client, record_queries, three_friends):
    """queries_of_api(path): the queries that Alice's GET of path sends."""
    alice, _, _, first_post = three_friends

    def queries_of_api(path):
        with record_queries() as sent:
            response = client.get(path.format(alice=alice.id, post=first_post),
                                  auth=alice.credentials)
            assert response.status_code == 200
        return sent
    return queries_of_api


@pytest.mark.parametrize('path', COLLECTIONS)
def test_twenty_items_cost_as_many_queries_as_two(write, queries_of_api, path):
    write(2)
    two = queries_of_api(path)
    write(18)

    twenty = queries_of_api(path)

    assert len(twenty) == len(two)


@pytest.mark.parametrize('path, count', [
    # Who is asking (Alice, whose own collections need no second look at her), how
    # many items there are, the page's items; and for a post's comments, the post.
    ('/api/v1/posts/', 3),
    ('/api/v1/comments/', 3),
    ('/api/v1/users/{alice}/posts/', 3),
    ('/api/v1/users/{alice}/timeline/', 3),
    ('/api/v1/posts/{post}/comments/', 4),
])
def test_a_page_costs_this_many_queries(write, queries_of_api, path, count):
    write(5)

    assert len(queries_of_api(path)) == count
