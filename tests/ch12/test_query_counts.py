"""The pages of chapter 12 cost the same few queries whatever the number of people,
posts and follows: each list loads its users in the query that reads it."""
import pytest


@pytest.mark.parametrize('path', [
    '/index', '/followed', '/user/susan', '/user/person0', '/followers/susan',
    '/following/susan', '/followers/person0',
])
def test_pages_cost_as_many_queries_with_twenty_people_as_with_two(
        app, add_people, queries_of, path):
    app.config['POSTS_PER_PAGE'] = 50        # every post and every person on one page

    add_people(2)
    few = queries_of(path)
    add_people(18)
    many = queries_of(path)

    assert len(many) == len(few), many


@pytest.mark.ends('ch16', reason='from chapter 16 last_seen is written once a minute at '
                                  'most: no UPDATE, and no second read of the signed-in '
                                  'user; tests/ch16/test_query_counts.py has the new '
                                  'queries')
def test_home_page_reads_followed_posts_in_one_query(add_people, client, record_queries):
    add_people(3)
    client.get('/followed')

    with record_queries() as sent:
        client.get('/index')

    # Susan; her last_seen saved; Susan again (saving expired her row, and the query
    # needs her id); a page of posts joined to her follows; their number.
    assert [statement.split()[0] for statement in sent] == \
        ['SELECT', 'UPDATE', 'SELECT', 'SELECT', 'SELECT']
    assert 'JOIN follow' in sent[3] and 'JOIN follow' in sent[4]


@pytest.mark.ends('ch16', reason='from chapter 16 last_seen is written once a minute at '
                                  'most: no UPDATE, and no second read of the signed-in '
                                  'user; tests/ch16/test_query_counts.py has the new '
                                  'queries')
def test_own_profile_counts_follows_in_two_queries(add_people, client, record_queries):
    add_people(3)

    with record_queries() as sent:
        client.get('/user/susan')

    # Susan; her last_seen; the profile's owner by name; a page of her posts; their
    # number; then, as the page is drawn, how many follow her and how many she follows.
    assert [statement.split()[0] for statement in sent] == \
        ['SELECT', 'UPDATE', 'SELECT', 'SELECT', 'SELECT', 'SELECT', 'SELECT']
    assert sum('count(*)' in statement and 'FROM follow' in statement
               for statement in sent) == 2
