"""Roles made of permission bits, and insert_roles(), which makes the three roles and keeps
them as the code describes them however often it runs."""
import pytest
import sqlalchemy as sa

NAMES = ['FOLLOW', 'COMMENT', 'WRITE', 'MODERATE', 'ADMIN']
ROLES = {  # role: (its permissions, whether new users get it)
    'User': ({'FOLLOW', 'COMMENT', 'WRITE'}, True),
    'Moderator': ({'FOLLOW', 'COMMENT', 'WRITE', 'MODERATE'}, False),
    'Administrator': ({'FOLLOW', 'COMMENT', 'WRITE', 'MODERATE', 'ADMIN'}, False),
}


@pytest.fixture
def permission(models):
    assert hasattr(models, 'Permission'), 'app.models has no Permission'
    return models.Permission


def roles_in_database(app, db, models):
    """{name: (permission names, default)} for every row of the role table."""
    with app.app_context():
        roles = db.session.scalars(sa.select(models.Role)).all()
        return {role.name: ({name for name in NAMES
                             if role.has_permission(getattr(models.Permission, name))},
                            role.default)
                for role in roles}


def test_each_permission_is_a_bit_of_its_own(permission):
    values = [getattr(permission, name) for name in NAMES]

    assert values == [1, 2, 4, 8, 16]


def test_a_new_role_has_no_permissions(models, permission):
    role = models.Role(name='Guest')

    assert not any(role.has_permission(getattr(permission, name)) for name in NAMES)
    assert role.permissions == 0


def test_a_role_made_with_permissions_keeps_them(models, permission):
    role = models.Role(name='Reader', permissions=permission.FOLLOW | permission.COMMENT)

    assert role.permissions == permission.FOLLOW | permission.COMMENT
    assert not role.has_permission(permission.WRITE)


def test_a_role_shows_its_name_when_printed(models):
    assert repr(models.Role(name='Moderator')) == '<Role Moderator>'


def test_adding_a_permission_twice_counts_it_once(models, permission):
    role = models.Role(name='Writer')

    role.add_permission(permission.WRITE)
    role.add_permission(permission.WRITE)

    assert role.permissions == permission.WRITE
    assert role.has_permission(permission.WRITE)
    assert not role.has_permission(permission.COMMENT)


def test_a_role_has_a_combination_only_if_it_has_every_part(models, permission):
    role = models.Role(name='Writer')
    role.add_permission(permission.WRITE)

    assert not role.has_permission(permission.WRITE | permission.MODERATE)


def test_removing_a_permission_keeps_the_others(models, permission):
    role = models.Role(name='Writer')
    role.add_permission(permission.WRITE)
    role.add_permission(permission.COMMENT)

    role.remove_permission(permission.WRITE)
    role.remove_permission(permission.WRITE)    # no longer held: nothing changes

    assert role.permissions == permission.COMMENT


def test_reset_takes_every_permission_away(models, permission):
    role = models.Role(name='Writer')
    role.add_permission(permission.WRITE)
    role.add_permission(permission.ADMIN)

    role.reset_permissions()

    assert role.permissions == 0


def test_insert_roles_makes_the_three_roles(app, db, models):
    with app.app_context():
        db.session.execute(sa.delete(models.Role))
        db.session.commit()
        models.Role.insert_roles()

    assert roles_in_database(app, db, models) == ROLES


def test_insert_roles_run_again_changes_nothing(app, db, models, database_contents):
    with app.app_context():
        models.Role.insert_roles()
    before = database_contents()

    with app.app_context():
        models.Role.insert_roles()

    assert database_contents() == before
    assert roles_in_database(app, db, models) == ROLES


def test_insert_roles_puts_back_a_role_someone_changed(app, db, models):
    with app.app_context():
        models.Role.insert_roles()
        moderator = db.session.scalar(sa.select(models.Role).where(
            models.Role.name == 'Moderator'))
        moderator.reset_permissions()
        moderator.default = True
        db.session.commit()

        models.Role.insert_roles()

    assert roles_in_database(app, db, models) == ROLES


def test_insert_roles_follows_a_new_permission_set(app, db, models, monkeypatch):
    with app.app_context():
        models.Role.insert_roles()
        ids = dict(db.session.execute(sa.select(models.Role.name, models.Role.id)).all())
    monkeypatch.setitem(models.Role.ROLES, 'User',
                        [models.Permission.FOLLOW, models.Permission.COMMENT])

    with app.app_context():
        models.Role.insert_roles()
        ids_after = dict(db.session.execute(sa.select(models.Role.name, models.Role.id)).all())

    assert roles_in_database(app, db, models) == {
        **ROLES, 'User': ({'FOLLOW', 'COMMENT'}, True)}
    assert ids_after == ids, 'the roles were made again instead of updated'
