"""What a person sees: confirming the address after signing up, and getting back in after
forgetting the password."""
import pytest

pytestmark = pytest.mark.e2e


def test_a_person_confirms_her_address_before_using_the_site(visitor, smtp_server):
    # Susan signs up, typing her details into the registration form.
    visitor.goes_to('/register')
    visitor.fills_in('username', 'susan')
    visitor.fills_in('email', 'susan@example.com')
    visitor.fills_in('password', 'correct horse')
    visitor.fills_in('password2', 'correct horse')
    visitor.presses('Register')

    # She is told that an e-mail is on its way, and it arrives.
    visitor.sees('A confirmation e-mail has been sent to you.')
    confirmation = smtp_server.message_to('susan@example.com')
    assert confirmation is not None, 'no confirmation e-mail arrived'

    # Before reading it she signs in, and the site stops her at the door.
    visitor.signs_in('susan')
    visitor.sees('You have not confirmed your account yet.')
    visitor.does_not_see('Hi, susan!')
    visitor.takes_screenshot('unconfirmed')

    # She opens the link in the e-mail, and is welcome.
    visitor.opens(confirmation.links[0])
    visitor.sees('You have confirmed your account. Thanks!')
    visitor.sees('Hi, susan!')
    visitor.takes_screenshot('confirmed')


def test_a_person_who_forgot_her_password_sets_a_new_one(visitor, register, smtp_server):
    # Alice has an account, but cannot remember her password.
    register('alice', password='correct horse')

    # On the sign-in page she asks for a reset.
    visitor.goes_to('/login')
    visitor.follows_link('Click to Reset It')
    visitor.fills_in('email', 'alice@example.com')
    visitor.presses('Reset Password')
    visitor.sees('Check your e-mail for the instructions to reset your password.')

    # The e-mail brings her a link, where she chooses a new password.
    reset = smtp_server.message_to('alice@example.com')
    assert reset is not None, 'no reset e-mail arrived'
    visitor.opens(reset.links[0])
    visitor.fills_in('password', 'staple battery')
    visitor.fills_in('password2', 'staple battery')
    visitor.presses('Reset Password')
    visitor.sees('Your password has been updated.')

    # The old password no longer works; the new one does.
    visitor.signs_in('alice', password='correct horse')
    visitor.sees('Invalid email or password')
    visitor.signs_in('alice', password='staple battery')
    visitor.sees('Hi, alice!')
