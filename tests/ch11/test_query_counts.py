"""Lists of posts cost the same few queries however many authors they show: each post's
author (and the author's role) comes in the same query as the post."""
import pytest


@pytest.fixture
def add_posts(make_user, make_post, susan):
    """add_posts(18): that many more people, each with a post, and as many more by Susan."""
    authors = []

    def add_posts(count):
        for _ in range(count):
            authors.append(make_user(f'author{len(authors)}'))
            make_post(authors[-1], 'by someone else')
            make_post(susan, 'by susan')
    return add_posts


@pytest.mark.parametrize('path, verbs', [
    # Susan with her role; her last_seen saved; one page of posts with their authors and
    # their roles (Susan among them: loaded again there, the navigation needs no query
    # of its own); how many posts there are in all.
    pytest.param('/index', ['SELECT', 'UPDATE', 'SELECT', 'SELECT'],
                 marks=pytest.mark.ends('ch16', reason='from chapter 16 last_seen is written '
                                        'once a minute at most: no UPDATE; tests/ch16/'
                                        'test_query_counts.py has the new queries')),
    # The same, after the profile's owner is found by name.
    pytest.param('/user/susan', ['SELECT', 'UPDATE', 'SELECT', 'SELECT', 'SELECT'],
                 marks=pytest.mark.ends('ch12', reason='from chapter 12 a profile also '
                                        'counts followers and followed: two queries more')),
])
def test_twenty_posts_cost_as_many_queries_as_two(app, susan, add_posts, queries_of, path,
                                                  verbs):
    app.config['POSTS_PER_PAGE'] = 50       # every post on one page: 21 authors at the end

    add_posts(2)
    few = queries_of(path)
    add_posts(18)
    many = queries_of(path)

    assert [statement.split()[0] for statement in few] == verbs, few
    assert len(many) == len(few), many
