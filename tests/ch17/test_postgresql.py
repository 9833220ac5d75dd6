"""The app on PostgreSQL: the migrations from chapter 4 on build it, and `flask deploy` runs
on it as on SQLite."""
import pytest
import sqlalchemy as sa

from shared.database import database_contents, rows


@pytest.mark.green_at_start(reason='the migrations have been written for any database since '
                                   'chapter 4; chapter 17 runs them on PostgreSQL')
def test_the_migrations_build_on_postgresql_exactly_the_models_schema(new_database,
                                                                      flask_on, snapshot):
    url = new_database()
    migrations = str(snapshot.path / 'migrations')

    upgrade = flask_on(url, 'db', 'upgrade', '--directory', migrations)
    check = flask_on(url, 'db', 'check', '--directory', migrations)

    assert upgrade.returncode == 0, upgrade.stderr
    assert check.returncode == 0, check.stderr
    assert 'No new upgrade operations detected' in check.stdout + check.stderr


@pytest.fixture
def database(new_database):
    """A new database on the PostgreSQL server: its URL, and an engine on it."""
    url = new_database()
    engine = sa.create_engine(url)
    yield url, engine
    engine.dispose()


def test_deploy_on_postgresql_makes_the_roles_and_a_second_deploy_changes_nothing(
        database, flask_on):
    url, engine = database

    first = flask_on(url, 'deploy')
    before = database_contents(engine)
    second = flask_on(url, 'deploy')

    assert (first.returncode, second.returncode) == (0, 0), first.stderr + second.stderr
    assert rows(engine, 'SELECT name, permissions FROM role ORDER BY id') == \
        [('User', 7), ('Moderator', 15), ('Administrator', 31)]
    assert database_contents(engine) == before
