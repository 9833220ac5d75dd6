"""What chapter 11's tests share: someone who may not write (Susan, who may, is in
shared/fixtures.py)."""
import pytest


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
