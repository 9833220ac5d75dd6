"""Passwords are kept as Werkzeug's scrypt hashes, however they are set."""
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from werkzeug.security import check_password_hash

from shared.pages import post_form, sign_in

TYPED = 'Tr0ub4dor&3 horse'


@pytest.mark.green_at_start(reason='passwords have been hashed with Werkzeug\'s default since '
                                   'chapter 5; chapter 8 explains the format, pinned here')
def test_stored_password_is_a_scrypt_hash_that_fits_its_column(
        real_password_hashing, client, app, db, models):
    post_form(client, '/register', username='susan', email='susan@example.com',
              password=TYPED, password2=TYPED)

    with app.app_context():
        stored = db.session.scalar(sa.select(models.User.password_hash))
    assert stored.startswith('scrypt:32768:8:1$')
    assert len(stored) <= models.User.__table__.c.password_hash.type.length == 256


def registering(client, smtp_server, alice):
    post_form(client, '/register', username='susan', email='susan@example.com',
              password=TYPED, password2=TYPED)


def changing(client, smtp_server, alice):
    sign_in(client, alice)
    post_form(client, '/change_password', old_password=alice.password,
              password=TYPED, password2=TYPED)


def resetting(client, smtp_server, alice):
    post_form(client, '/reset_password_request', email=alice.email)
    mail = smtp_server.message_to(alice.email)
    assert mail is not None, 'no reset e-mail was sent'
    post_form(client, urlsplit(mail.links[0]).path, password=TYPED, password2=TYPED)


@pytest.mark.parametrize('setting', [
    pytest.param(registering, marks=pytest.mark.green_at_start(
        reason='registering has stored only a hash since chapter 5')),
    changing,
    resetting,
], ids=['registering', 'changing', 'resetting'])
def test_password_is_never_stored_as_typed(make_user, client, smtp_server, database_contents,
                                           app, db, models, setting):
    alice = make_user('alice')

    setting(client, smtp_server, alice)

    with app.app_context():
        hashes = db.session.scalars(sa.select(models.User.password_hash)).all()
    assert any(check_password_hash(stored, TYPED) for stored in hashes), \
        'the password typed was not set'
    assert TYPED not in repr(database_contents())
