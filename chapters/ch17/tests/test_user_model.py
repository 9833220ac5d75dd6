from app import db
from app.models import AnonymousUser, Permission, User


def test_a_password_is_kept_as_a_hash(app):
    user = User(username='john', email='john@example.com')
    user.set_password('cat')
    assert 'cat' not in user.password_hash
    assert user.check_password('cat')
    assert not user.check_password('dog')


def test_a_confirmation_token_confirms_only_its_own_account(app):
    john = User(username='john', email='john@example.com')
    db.session.add(john)
    susan = User(username='susan', email='susan@example.com')
    db.session.add(susan)
    db.session.commit()
    token = john.generate_confirmation_token()
    assert not susan.confirm(token)
    assert john.confirm(token)
    assert not john.confirm(token + 'x')


def test_a_new_user_may_write_and_comment_but_not_moderate(app):
    user = User(username='john', email='john@example.com')
    assert user.can(Permission.WRITE)
    assert user.can(Permission.COMMENT)
    assert not user.can(Permission.MODERATE)
    assert not user.is_administrator()
    assert not AnonymousUser().can(Permission.FOLLOW)


def test_the_administrators_address_makes_an_administrator(app):
    app.config['MICROBLOG_ADMIN'] = 'boss@example.com'
    assert User(username='boss', email='boss@example.com').is_administrator()
