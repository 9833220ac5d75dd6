"""Passwords are kept as hashes, and Flask-Login finds a user again by id."""
import pytest


def test_password_is_stored_as_a_hash_not_as_typed(make_user, app, db, models):
    alice = make_user('alice', password='correct horse')

    with app.app_context():
        stored = db.session.get(models.User, alice.id).password_hash

    assert stored is not None, 'no password hash was stored'
    assert 'correct horse' not in stored


def test_same_password_hashes_differently_for_each_user(make_user, app, db, models):
    # A random salt in every hash: equal passwords do not show up as equal hashes.
    alice = make_user('alice', password='correct horse')
    bob = make_user('bob', password='correct horse')

    with app.app_context():
        alice_hash = db.session.get(models.User, alice.id).password_hash
        bob_hash = db.session.get(models.User, bob.id).password_hash

    assert alice_hash is not None, 'no password hash was stored'
    assert alice_hash != bob_hash


@pytest.mark.parametrize('attempt, accepted', [
    ('correct horse', True),
    ('Correct horse', False),
    ('wrong horse', False),
    ('', False),
])
def test_check_password_accepts_only_the_exact_password(
        make_user, app, db, models, attempt, accepted):
    alice = make_user('alice', password='correct horse')

    with app.app_context():
        user = db.session.get(models.User, alice.id)
        assert user.check_password(attempt) is accepted


@pytest.mark.ends('ch08', reason='from chapter 8 the session holds login_id, which changes '
                                 'with the password, not the id')
def test_user_loader_finds_the_user_by_the_id_in_the_session(make_user, app, models):
    # Flask-Login keeps the id in the session as a string.
    alice = make_user('alice')

    with app.app_context():
        user = models.load_user(str(alice.id))

        assert user.username == 'alice'


def test_user_loader_returns_none_for_an_unknown_id(make_user, app, models):
    make_user('alice')

    with app.app_context():
        assert models.load_user('999') is None
