"""What a person sees at the login form."""
import pytest

pytestmark = pytest.mark.e2e


@pytest.mark.ends('ch05', reason='chapter 5 signs people in for real: an unknown name is '
                                 'refused instead of reported')
def test_a_person_fills_in_the_login_form_and_sees_her_request_reported(visitor):
    # Susan opens the home page and follows the Login link.
    visitor.goes_to('/index')
    visitor.follows_link('Login')
    visitor.sees('Sign In')

    # She presses Sign In before typing anything.
    visitor.presses('Sign In')

    # The form asks for both her username and her password, and reports nothing.
    visitor.sees('[This field is required.]')
    assert visitor.page_text().count('[This field is required.]') == 2
    visitor.does_not_see('Login requested')
    visitor.takes_screenshot('login-fields-required')

    # She fills both in, ticks Remember Me, and signs in.
    visitor.fills_in('username', 'susan')
    visitor.fills_in('password', 'correct horse')
    visitor.ticks('remember_me')
    visitor.presses('Sign In')

    # She is back on the home page, which reports her request.
    visitor.sees('Login requested for user susan, remember_me=True')
    visitor.sees('Hi, Miguel!')
    visitor.takes_screenshot('login-requested')

    # The message was for that one page: going Home again, it is gone.
    visitor.follows_link('Home')
    visitor.sees('Hi, Miguel!')
    visitor.does_not_see('Login requested')


@pytest.mark.ends('ch08', reason='chapter 8 signs people in by e-mail: the login '
                                 'form has no username box')
def test_a_person_who_forgets_the_password_keeps_her_username(visitor):
    # Susan types her username but forgets her password.
    visitor.goes_to('/login')
    visitor.fills_in('username', 'susan')
    visitor.presses('Sign In')

    # The form asks for the password, and her username is still there.
    visitor.sees('[This field is required.]')
    assert visitor.field_value('username') == 'susan'
    assert visitor.field_value('password') == ''
