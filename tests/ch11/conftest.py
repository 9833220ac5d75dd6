"""What chapter 11's tests share: someone who may write, and someone who may not."""
import pytest


@pytest.fixture
def susan(make_user, log_in):
    """Susan has an ordinary account (her role may WRITE) and is signed in."""
    susan = make_user('susan')
    log_in(susan)
    return susan


@pytest.fixture
def reader(app, db, models, make_user, log_in):
    """Rita's role lets her follow and comment, but not write; she is signed in."""
    with app.app_context():
        db.session.add(models.Role(name='Reader', permissions=models.Permission.FOLLOW
                                   + models.Permission.COMMENT))
        db.session.commit()
    rita = make_user('rita', role='Reader')
    log_in(rita)
    return rita
