"""What a person sees once users are stored: nothing new yet."""
import pytest


@pytest.mark.e2e
@pytest.mark.ends('ch05', reason='chapter 5 checks the password and signs the person in')
def test_a_person_in_the_database_signs_in_and_is_only_told_of_the_request(
        visitor, make_user, database_contents):
    # Susan has an account: her row is in the user table.
    make_user('susan')
    before = database_contents()

    # She opens the login page and signs in with a password nobody checks yet.
    visitor.signs_in('susan', password='not even her password')

    # The home page still only reports her request.
    visitor.sees('Login requested for user susan, remember_me=False')
    visitor.takes_screenshot('login-requested-with-database')

    # Signing in wrote nothing to the database.
    assert database_contents() == before
