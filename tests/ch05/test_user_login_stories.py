"""What a person sees: signing up, signing in, and signing out."""
import pytest

pytestmark = pytest.mark.e2e


def test_a_person_registers_signs_in_and_signs_out(visitor, register):
    # Alice has heard about Microblog and signs up.
    register('alice')

    # She signs in.
    visitor.signs_in('alice')

    # The home page greets her by name.
    visitor.sees('Hi, alice!')
    visitor.does_not_see('Login')
    visitor.takes_screenshot('signed-in')

    # She signs out; the home page asks her to sign in again.
    visitor.follows_link('Logout')
    visitor.sees('Please log in to access this page.')
    visitor.does_not_see('Hi, alice!')


@pytest.mark.ends('ch08', reason='chapter 8 signs people in by e-mail, and says '
                                 '"Invalid email or password"')
def test_a_person_with_the_wrong_password_is_not_let_in(visitor, register):
    # Bob signs up, then mistypes his password.
    register('bob')
    visitor.signs_in('bob', password='correct hrose')

    # He is told so, and is still on the sign-in page.
    visitor.sees('Invalid username or password')
    visitor.does_not_see('Hi, bob!')
    visitor.takes_screenshot('wrong-password')
