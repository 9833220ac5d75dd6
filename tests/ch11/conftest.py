"""What chapter 11's tests share: someone who may not write (Susan, who may, is in
shared/fixtures.py)."""
import pytest


@pytest.fixture
def reader(make_role, make_user, log_in):
    """Rita's role lets her follow and comment, but not write; she is signed in."""
    make_role('Reader', 'FOLLOW', 'COMMENT')
    rita = make_user('rita', role='Reader')
    log_in(rita)
    return rita
