"""A page number so large that the database could not count to its first row was a 500
on the site's pages (the API already answered 404); a test found it, and now it is a 404
like any page past the end."""
import pytest

HUGE = 10**20


@pytest.fixture
def moderator(make_user, log_in, make_post, make_comment):
    """Maria, a moderator, signed in; she has written a post, with a comment."""
    maria = make_user('maria', role='Moderator')
    post_id = make_post(maria, 'A post')
    make_comment(post_id, maria, 'A comment')
    log_in(maria)
    return maria, post_id


@pytest.mark.parametrize('path', ['/', '/user/maria', '/followers/maria',
                                  '/following/maria', '/moderate', '/post/{id}'])
def test_a_page_past_the_end_of_any_table_is_not_found(moderator, client, path):
    _, post_id = moderator
    address = path.format(id=post_id)
    assert client.get(f'{address}?page=2').status_code == 404
    assert client.get(f'{address}?page={HUGE}').status_code == 404
