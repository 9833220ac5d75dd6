"""What people see: a comment lands on the last page, in view; a moderator disables it,
and its author finds it marked disabled."""
import pytest

pytestmark = pytest.mark.e2e


def test_a_comment_is_disabled_by_a_moderator_and_its_author_sees_it(
        visitor, app, make_user, make_post, make_comment):
    app.config['COMMENTS_PER_PAGE'] = 2
    bob = make_user('bob')
    post = make_post(bob, 'What do you think of the new microblog?')
    for n in (1, 2, 3):
        make_comment(post, bob, f'Early comment {n}.')
    make_user('susan')
    make_user('maria', role='Moderator')

    # Susan reads Bob's post from the home page, by its comments link.
    visitor.signs_in('susan')
    visitor.follows_link('3 comments')
    visitor.sees('Early comment 1.')

    # She writes a comment, and lands on the last page, where it is.
    visitor.fills_in('body', 'Buy **cheap** watches here!')
    visitor.presses('Submit')
    visitor.sees('Your comment has been published.')
    visitor.sees('Buy cheap watches here!', within='.comments')
    visitor.does_not_see('Early comment 1.')
    assert visitor.browser.current_url.endswith('#comments')
    visitor.follows_link('Logout')

    # Maria, a moderator, disables it.
    visitor.signs_in('maria')
    visitor.follows_link('Moderate')
    visitor.sees('Buy cheap watches here!')
    visitor.presses('Disable')
    visitor.sees('The comment by susan has been disabled.')
    visitor.takes_screenshot('moderation', of='.comments')
    visitor.follows_link('Logout')

    # Susan finds her comment marked disabled, its text gone.
    visitor.signs_in('susan')
    visitor.follows_link('4 comments')
    visitor.follows_link('Newer »')
    visitor.sees('This comment has been disabled by a moderator.')
    visitor.does_not_see('cheap watches')
    visitor.takes_screenshot('disabled-comment', of='.comments')
