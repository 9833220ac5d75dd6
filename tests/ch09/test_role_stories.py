"""What a person sees: the administrator finds her page; an ordinary user is turned away."""
import pytest

pytestmark = pytest.mark.e2e


def test_only_the_administrator_gets_into_the_administration_page(visitor, register, app,
                                                                  make_user):
    # The site's owner set MICROBLOG_ADMIN to her address before anyone signed up.
    app.config['MICROBLOG_ADMIN'] = 'boss@example.com'

    # She registers with that address. Bob already has an account.
    register('boss')
    make_user('bob')

    # Bob signs in. His navigation has no Admin link, so he types the page's address.
    visitor.signs_in('bob')
    visitor.sees('Hi, bob!')
    visitor.does_not_see('Admin')
    visitor.goes_to('/admin')

    # The site tells him he may not open it.
    visitor.sees('Forbidden')
    visitor.takes_screenshot('forbidden')
    visitor.follows_link('Logout')

    # The owner signs in and finds the page in her navigation, with the site's roles.
    visitor.signs_in('boss')
    visitor.follows_link('Admin')
    visitor.sees('Administration')
    visitor.sees('Administrator')
    visitor.takes_screenshot('administration')
