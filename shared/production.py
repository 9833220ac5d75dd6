"""The snapshot run as in production: its own process, debug off, a database file.

Tests in this process import the app in testing mode. What the app does only
outside testing and debug mode (error e-mail, the log file, custom error pages)
is seen here, in a server started with `flask run` the way a person starts it.
"""
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from shared.database import database_contents
from shared.net import free_port, wait_for_port
from shared.pages import HttpClient, post_form

SETTINGS_FROM_OUTSIDE = ('FLASK_APP', 'FLASK_DEBUG', 'DATABASE_URL', 'SECRET_KEY',
                         'MAIL_SERVER', 'MAIL_PORT', 'MAIL_USE_TLS', 'MAIL_USERNAME',
                         'MAIL_PASSWORD')


def flask_environment(snapshot_path, database, settings):
    env = {name: value for name, value in os.environ.items()
           if name not in SETTINGS_FROM_OUTSIDE}
    env.update(PYTHONPATH=str(snapshot_path), FLASK_APP='microblog.py', FLASK_DEBUG='0',
               SECRET_KEY='production-test-key',
               # A short wait for a locked database: the tests lock it on purpose.
               DATABASE_URL=f'sqlite:///{database}?timeout=0.5')
    for name, value in settings.items():
        if value is None:
            env.pop(name, None)      # not set at all, as on a fresh shell
        else:
            env[name] = value
    return env


def prepared_folder(snapshot, migrated_database, folder, settings):
    """Put a fresh copy of the migrated database in folder; return the environment
    that points the app at it."""
    database = folder / 'app.db'
    shutil.copy(migrated_database, database)
    return flask_environment(snapshot.path, database, settings)


def flask(args, cwd, env, input=None):
    return subprocess.run([sys.executable, '-m', 'flask', *args], cwd=cwd, env=env,
                          input=input, capture_output=True, text=True, timeout=60)


@pytest.fixture(scope='session')
def migrated_database(snapshot, tmp_path_factory):
    """An empty database file built by the snapshot's migrations (`flask db upgrade`)."""
    folder = tmp_path_factory.mktemp('migrated')
    database = folder / 'app.db'
    result = flask(['db', 'upgrade', '--directory', str(snapshot.path / 'migrations')],
                   folder, flask_environment(snapshot.path, database, {}))
    assert result.returncode == 0, \
        f'flask db upgrade failed: {result.stderr.strip().splitlines()[-1]}\n{result.stderr}'
    return database


@dataclass
class RunningApp:
    url: str
    folder: Path          # the server's working directory: logs/ appears here
    database: Path
    process: subprocess.Popen
    output_file: Path

    def client(self):
        return HttpClient(self.url)

    def signed_in_client(self, username, password='correct horse'):
        """A client of someone who registered and signed in through the forms."""
        client = self.client()
        registered = post_form(client, '/register', username=username,
                               email=f'{username}@example.com', password=password,
                               password2=password)
        signed_in = post_form(client, '/login', username=username, password=password)
        assert registered.status_code == signed_in.status_code == 302, \
            f'could not register and sign in {username} on {self.url}'
        return client

    @contextmanager
    def database_locked(self):
        """Another process holds the write lock: every commit of the app fails."""
        other = sqlite3.connect(self.database, isolation_level=None)
        try:
            other.execute('BEGIN IMMEDIATE')
            yield
            other.execute('ROLLBACK')
        finally:
            other.close()

    @property
    def log_file(self):
        return self.folder / 'logs' / 'microblog.log'

    def output(self):
        return self.output_file.read_text()

    def database_contents(self):
        engine = sa.create_engine(f'sqlite:///{self.database}')
        try:
            return database_contents(engine)
        finally:
            engine.dispose()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def run_app(snapshot, migrated_database, tmp_path):
    """run_app(MAIL_SERVER=...): start the snapshot with `flask run` and these settings."""
    started = []

    def run(**settings):
        folder = tmp_path / f'server{len(started)}'
        folder.mkdir()
        environment = prepared_folder(snapshot, migrated_database, folder, settings)
        port = free_port()
        output_file = folder / 'output.txt'
        with output_file.open('w') as output:
            process = subprocess.Popen(
                [sys.executable, '-m', 'flask', 'run', '--host', '127.0.0.1',
                 '--port', str(port)],
                cwd=folder, env=environment,
                stdout=output, stderr=subprocess.STDOUT)
        running = RunningApp(f'http://127.0.0.1:{port}', folder, folder / 'app.db', process,
                             output_file)
        started.append(running)
        if not wait_for_port(port, alive=lambda: process.poll() is None):
            running.stop()
            raise AssertionError(f'the app did not start:\n{running.output()}')
        return running

    yield run
    for running in started:
        running.stop()


@pytest.fixture
def run_with_app(snapshot, migrated_database, tmp_path):
    """run_with_app(code, **settings): run Python code in a new process, in a fresh
    folder, after `from app import app` as production would import it."""
    def run(code, **settings):
        environment = prepared_folder(snapshot, migrated_database, tmp_path, settings)
        return subprocess.run([sys.executable, '-c', f'from app import app\n{code}'],
                              cwd=tmp_path, env=environment, capture_output=True,
                              text=True, timeout=60)
    return run


@pytest.fixture
def run_flask(snapshot, migrated_database, tmp_path):
    """run_flask(['shell'], input=..., **settings): a `flask` command in a fresh folder.
    A setting given as None is left out of the environment."""
    def run(args, input=None, **settings):
        environment = prepared_folder(snapshot, migrated_database, tmp_path, settings)
        return flask(args, tmp_path, environment, input=input)
    return run
