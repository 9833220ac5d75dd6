"""The PostgreSQL fixture: a real server of the process's own, on a free loopback port,
never run as root, and a skip (or, in CI, a failure) that says how to install one."""
import os

import pytest
import sqlalchemy as sa

from shared import postgres


def test_a_new_database_takes_sql_and_keeps_it(postgres_server):
    engine = sa.create_engine(postgres_server.new_database('kept'))
    with engine.begin() as connection:
        connection.execute(sa.text('CREATE TABLE note (id serial PRIMARY KEY, body text)'))
        connection.execute(sa.text("INSERT INTO note (body) VALUES ('hello')"))
    with engine.connect() as connection:
        assert connection.execute(sa.text('SELECT body FROM note')).all() == [('hello',)]
        assert connection.execute(sa.text('SHOW server_version')).scalar()
    engine.dispose()


def test_each_new_database_starts_empty(postgres_server):
    engine = sa.create_engine(postgres_server.new_database('empty'))
    assert sa.inspect(engine).get_table_names() == []
    engine.dispose()


def test_the_server_listens_on_loopback_only(postgres_server):
    engine = sa.create_engine(postgres_server.url())
    with engine.connect() as connection:
        assert connection.execute(sa.text('SHOW listen_addresses')).scalar() == '127.0.0.1'
        assert int(connection.execute(sa.text('SHOW port')).scalar()) == postgres_server.port
    engine.dispose()


def test_the_server_never_runs_as_root(postgres_server):
    assert postgres_server.owner != 'root'
    if os.geteuid() == 0:
        assert postgres_server.owner == 'postgres'


def test_without_postgresql_the_tests_are_skipped_with_how_to_install_it(monkeypatch):
    monkeypatch.setattr(postgres, 'find_postgres', lambda: None)
    monkeypatch.delenv('POSTGRES_REQUIRED', raising=False)
    with pytest.raises(pytest.skip.Exception, match='sudo apt-get install postgresql'):
        postgres.require_postgres()


def test_with_postgres_required_a_missing_postgresql_fails(monkeypatch):
    monkeypatch.setattr(postgres, 'find_postgres', lambda: None)
    monkeypatch.setenv('POSTGRES_REQUIRED', '1')
    with pytest.raises(pytest.fail.Exception, match='POSTGRES_REQUIRED=1'):
        postgres.require_postgres()


def test_database_postgresql_runs_the_tests_of_the_apps_database_there_and_only_those(
        run_pytest):
    code, output = run_pytest(
        '--chapter', 'ch17', '--database=postgresql', '-v', 'tests/ch04/test_database_config.py',
        'tests/ch04/test_models.py', 'tests/ch14/test_errors.py')

    assert code == 0, output
    assert 'chapters/ch17, on PostgreSQL' in output
    assert 'test_models.py::test_user_is_stored_with_username_and_email PASSED' in output
    # A test that drops a table is followed by tests that read it: the table is built again.
    assert 'test_errors.py::test_a_failure_inside_the_api_is_a_json_500 PASSED' in output
    assert 'test_the_sites_404_speaks_the_clients_language' in output
    assert 'FAILED' not in output
    # Marked sqlite_only, and a test that never uses the tests' app database: left out.
    assert 'test_app_connects_to_the_configured_database' not in output
    assert 'test_database_url_is_read_from_the_environment' not in output
