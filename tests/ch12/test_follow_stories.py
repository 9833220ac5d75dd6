"""What people see: two of them follow each other, and each finds the other's posts
under Followed on the home page, without the posts of people they do not follow."""
import pytest

pytestmark = pytest.mark.e2e


def test_two_people_follow_each_other_and_read_each_others_posts(visitor, make_user,
                                                                 make_post):
    susan, bob, carol = make_user('susan'), make_user('bob'), make_user('carol')
    make_post(susan, 'Susan here: hello!')
    make_post(bob, 'Bob here: good morning.')
    make_post(carol, 'Carol here: nobody follows me yet.')

    # Susan finds Bob's profile and follows him.
    visitor.signs_in('susan')
    visitor.goes_to('/user/bob')
    visitor.presses('Follow')
    visitor.sees('You are now following bob.')
    visitor.sees('Followers: 1')
    visitor.follows_link('Logout')

    # Bob sees that Susan follows him, and follows her back.
    visitor.signs_in('bob')
    visitor.goes_to('/user/susan')
    visitor.sees('Follows you')
    visitor.presses('Follow')
    visitor.sees('You are now following susan.')
    visitor.takes_screenshot('profile-follows', of='table')

    # On the home page he picks Followed: his posts and Susan's, not Carol's.
    visitor.follows_link('Home')
    visitor.sees('Carol here')
    visitor.follows_link('Followed')
    visitor.sees('Susan here: hello!')
    visitor.sees('Bob here: good morning.')
    visitor.does_not_see('Carol here')
    visitor.takes_screenshot('followed-posts')
    visitor.follows_link('Logout')

    # Susan comes back on the same browser, which remembers the tab: Bob's post is there.
    visitor.signs_in('susan')
    visitor.sees('Bob here: good morning.')
    visitor.does_not_see('Carol here')
