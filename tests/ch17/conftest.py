"""Chapter 17's fixtures: databases of a real PostgreSQL server, and `flask` commands run on
any database, as a release runs them."""
import uuid

import pytest

from shared.production import flask_environment


@pytest.fixture(scope='module')
def new_database(postgres_server):
    """new_database(): the URL of a new, empty database on the tests' PostgreSQL server."""
    return lambda: postgres_server.new_database(f'site_{uuid.uuid4().hex[:12]}')


@pytest.fixture(scope='module')
def flask_on(snapshot, python_processes, tmp_path_factory):
    """flask_on(database_url, 'deploy'): that `flask` command of the snapshot, in production
    mode, on the database at that URL, from a folder of its own."""
    def run(database_url, *args):
        folder = tmp_path_factory.mktemp('flask')
        environment = flask_environment(snapshot.path, folder / 'unused.db',
                                        {'DATABASE_URL': database_url})
        return python_processes.run(['-m', 'flask', *args], folder, environment)
    return run
