"""What chapter 11's tests share: a person who may write, signed in."""
import pytest


@pytest.fixture
def susan(make_user, log_in):
    """Susan has an ordinary account (her role may WRITE) and is signed in."""
    susan = make_user('susan')
    log_in(susan)
    return susan
