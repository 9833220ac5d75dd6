"""Who gets which role, and what a user of each role (or nobody signed in) can do."""
import pytest
import sqlalchemy as sa
from flask_login import current_user

NAMES = ['FOLLOW', 'COMMENT', 'WRITE', 'MODERATE', 'ADMIN']
CAN = {  # role: the permissions its users have
    'User': {'FOLLOW', 'COMMENT', 'WRITE'},
    'Moderator': {'FOLLOW', 'COMMENT', 'WRITE', 'MODERATE'},
    'Administrator': {'FOLLOW', 'COMMENT', 'WRITE', 'MODERATE', 'ADMIN'},
}


@pytest.fixture
def register(post_form):
    def register(username, email):
        return post_form('/register', username=username, email=email,
                         password='correct horse', password2='correct horse')
    return register


def role_of(app, db, models, username):
    with app.app_context():
        user = db.session.scalar(sa.select(models.User).where(models.User.username == username))
        return user.role.name if user.role is not None else None


def test_a_new_user_gets_the_default_role(app, db, models, register):
    register('susan', 'susan@example.com')

    assert role_of(app, db, models, 'susan') == 'User'


@pytest.mark.parametrize('typed', ['boss@example.com', 'Boss@Example.COM'])
def test_registering_with_the_administrators_address_makes_an_administrator(
        app, db, models, register, typed):
    app.config['MICROBLOG_ADMIN'] = 'boss@example.com'

    register('boss', typed)

    assert role_of(app, db, models, 'boss') == 'Administrator'


def test_any_other_address_makes_an_ordinary_user(app, db, models, register):
    app.config['MICROBLOG_ADMIN'] = 'boss@example.com'

    register('susan', 'susan@example.com')

    assert role_of(app, db, models, 'susan') == 'User'


def test_the_administrators_address_comes_from_the_environment(config_class):
    settings = config_class(MICROBLOG_ADMIN=' Boss@Example.COM ')

    assert settings.MICROBLOG_ADMIN == 'boss@example.com'


def test_without_the_setting_nobody_is_made_an_administrator(config_class, app, db,
                                                             models, register):
    assert not config_class(MICROBLOG_ADMIN=None).MICROBLOG_ADMIN

    register('susan', 'susan@example.com')

    assert role_of(app, db, models, 'susan') == 'User'


def test_an_empty_address_is_never_the_administrators(app, db, models):
    app.config['MICROBLOG_ADMIN'] = ''     # the setting, when the variable is not set

    with app.app_context():
        assert models.User(username='nobody', email='').role.name == 'User'


@pytest.mark.parametrize('role', CAN)
def test_a_user_can_what_their_role_allows(app, db, models, make_user, role):
    person = make_user('alice', role=role)

    with app.app_context():
        user = db.session.get(models.User, person.id)
        allowed = {name for name in NAMES if user.can(getattr(models.Permission, name))}
        administrator = user.is_administrator()

    assert allowed == CAN[role]
    assert administrator == (role == 'Administrator')


def test_a_user_without_a_role_can_do_nothing(app, db, models, make_user):
    person = make_user('alice')

    with app.app_context():
        user = db.session.get(models.User, person.id)
        user.role = None
        assert not any(user.can(getattr(models.Permission, name)) for name in NAMES)
        assert not user.is_administrator()


def test_nobody_signed_in_can_do_nothing(app, models):
    with app.test_request_context('/'):
        assert current_user.is_anonymous
        assert not any(current_user.can(getattr(models.Permission, name)) for name in NAMES)
        assert not current_user.is_administrator()
