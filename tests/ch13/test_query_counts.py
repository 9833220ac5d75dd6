"""Comments cost the same few queries however many there are: their authors come in the
query that reads them, and each post's count comes with the post."""
import pytest


@pytest.fixture
def add_comments(make_user, make_post, make_comment, bobs_post):
    """add_comments(n): n more people, each with a post of their own and a comment on
    Bob's post and on their own."""
    people = []

    def add_comments(count):
        for _ in range(count):
            person = make_user(f'person{len(people)}')
            people.append(person)
            own_post = make_post(person, 'a post')
            make_comment(bobs_post, person)
            make_comment(own_post, person)
    return add_comments


@pytest.mark.parametrize('path', ['/index', '/user/bob', '/post/{post}', '/moderate'])
def test_pages_cost_as_many_queries_with_twenty_comments_as_with_two(
        app, make_user, log_in, bobs_post, add_comments, queries_of, path):
    app.config.update(POSTS_PER_PAGE=50, COMMENTS_PER_PAGE=50)
    log_in(make_user('maria', role='Moderator'))
    path = path.format(post=bobs_post)

    add_comments(2)
    few = queries_of(path)
    add_comments(18)
    many = queries_of(path)

    assert len(many) == len(few), many


def test_the_last_page_costs_no_more_than_the_first(susan, bobs_post, add_comments, client,
                                                    record_queries):
    """Which page is the last comes from the post's count of comments, read with it."""
    add_comments(3)

    with record_queries() as first_page:
        client.get(f'/post/{bobs_post}')
    with record_queries() as last_page:
        client.get(f'/post/{bobs_post}?page=-1')

    assert len(last_page) == len(first_page)
