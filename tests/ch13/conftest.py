"""What chapter 13's tests share: a post to comment on."""
import pytest


@pytest.fixture
def bobs_post(make_user, make_post):
    """The id of a post by Bob, whom the tests' people comment on."""
    return make_post(make_user('bob'), "Bob's post")
