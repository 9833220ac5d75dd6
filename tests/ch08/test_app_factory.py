"""The application factory: one app package, a new app from create_app() for each use,
built from a named configuration, with its views grouped in blueprints."""
import importlib

import pytest
import sqlalchemy as sa

from shared.pages import Page


@pytest.fixture
def second_app(app, snapshot, db):
    """Another app from the same package, as a second process or test would build it."""
    other = snapshot.new_app()
    yield other
    if other is not app:
        with other.app_context():
            db.session.remove()
            db.engine.dispose()


def test_configurations_are_named_and_default_to_development(snapshot):
    config = importlib.import_module('config')       # the snapshot's, imported with it
    named = getattr(config, 'config', None)

    assert named is not None, 'config.py has no `config` dictionary of named configurations'
    assert set(named) == {'development', 'testing', 'production', 'default'}
    assert named['default'] is named['development']
    assert all(issubclass(settings, config.Config) for settings in named.values())


def test_flask_config_testing_builds_an_app_in_testing_mode(run_with_app, tmp_path):
    database = f'sqlite:///{tmp_path / "tests.db"}'

    result = run_with_app("print(app.testing, app.config['SQLALCHEMY_DATABASE_URI'])",
                          FLASK_CONFIG='testing', TEST_DATABASE_URL=database)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ['True', database]


@pytest.mark.green_at_start(reason='chapter 7 needed no FLASK_CONFIG; this pins down that '
                                   "the factory's default keeps `flask shell` working")
def test_flask_shell_works_without_flask_config(run_flask):
    result = run_flask(['shell'], input='print("testing is", app.testing)', FLASK_CONFIG=None)

    assert result.returncode == 0, result.stderr
    assert 'testing is False' in result.stdout


@pytest.mark.green_at_start(reason='chapter 7 needed no FLASK_CONFIG; this pins down that '
                                   "the factory's default keeps `flask run` working")
def test_flask_run_works_without_flask_config(run_app):
    server = run_app(FLASK_CONFIG=None)

    response = server.client().get('/login')

    assert response.status_code == 200
    assert Page(response.text).headings == ['Sign In']


def test_apps_from_the_factory_do_not_share_their_settings(app, second_app):
    app.config['MAIL_SUBJECT_PREFIX'] = '[Changed in one app] '

    assert second_app is not app, 'the package builds one app for everyone: no create_app()'
    assert second_app.config['MAIL_SUBJECT_PREFIX'] == '[Microblog] '


def test_apps_from_the_factory_do_not_share_their_database(app, second_app, db, models,
                                                           make_user):
    make_user('alice')

    assert second_app is not app, 'the package builds one app for everyone: no create_app()'
    with second_app.app_context():
        db.create_all()
        users = db.session.scalar(sa.select(sa.func.count()).select_from(models.User))
        db.drop_all()
    assert users == 0


def test_every_app_is_initialised_with_each_extension(app, second_app, snapshot):
    for each in (app, second_app):
        assert {'sqlalchemy', 'migrate', 'mail'} <= set(each.extensions), \
            f'extensions of this app: {sorted(each.extensions)}'
        assert each.login_manager is snapshot.package.login
    assert second_app is not app, 'the package builds one app for everyone: no create_app()'


def test_views_are_grouped_in_main_auth_and_errors_blueprints(app):
    assert {'main', 'auth', 'errors'} <= set(app.blueprints)


@pytest.mark.parametrize('address, endpoint', [
    ('/', 'main.index'),
    ('/index', 'main.index'),
    ('/user/susan', 'main.user'),
    ('/edit_profile', 'main.edit_profile'),
    ('/login', 'auth.login'),
    ('/logout', 'auth.logout'),
    ('/register', 'auth.register'),
])
def test_address_stays_and_names_a_blueprint_endpoint(app, address, endpoint):
    found, _ = app.url_map.bind('localhost').match(address)

    assert found == endpoint
