"""The snapshot run as in production: its own process, debug off, a database file.

Tests in this process import the app in testing mode. What the app does only
outside testing and debug mode (error e-mail, the log file, custom error pages)
is seen here, in a server started with `flask run` the way a person starts it.
The processes come from the fork server (forkserver.py) where it can run.
"""
import importlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from shared.database import add_user, database_contents
from shared.forkserver import ForkServer
from shared.net import free_port, wait_for_port
from shared.pages import HttpClient, sign_in

SETTINGS_FROM_OUTSIDE = ('FLASK_APP', 'FLASK_CONFIG', 'FLASK_DEBUG', 'DATABASE_URL',
                         'SECRET_KEY', 'MAIL_SERVER', 'MAIL_PORT', 'MAIL_USE_TLS',
                         'MAIL_USERNAME', 'MAIL_PASSWORD', 'MICROBLOG_ADMIN')

# A line of logs/microblog.log: "time level: message [in path:line]".
LOG_LINE = re.compile(
    r'^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (?P<level>[A-Z]+): (?P<message>.*) '
    r'\[in (?P<path>\S+):(?P<line>\d+)\]$')

# Python code that prints the app's logging handlers but Flask's own (which writes to the
# server's error stream): ['RotatingFileHandler', 'SMTPHandler'] with errors by e-mail.
HANDLER_NAMES = ('from flask.logging import default_handler\n'
                 'print(sorted(type(handler).__name__ for handler in app.logger.handlers\n'
                 '             if handler is not default_handler))')

# Python code that finds the app as `flask` does, through FLASK_APP.
LOAD_APP = ('import os\n'
            'from flask.cli import ScriptInfo\n'
            "app = ScriptInfo(os.environ['FLASK_APP']).load_app()\n")


def flask_environment(snapshot_path, database, settings):
    env = {name: value for name, value in os.environ.items()
           if name not in SETTINGS_FROM_OUTSIDE}
    env.update(PYTHONPATH=str(snapshot_path), FLASK_APP='microblog.py', FLASK_DEBUG='0',
               FLASK_CONFIG='production', SECRET_KEY='production-test-key',
               # A short wait for a locked database: the tests lock it on purpose.
               DATABASE_URL=f'sqlite:///{database}?timeout=0.1')
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


class NewProcesses:
    """Python processes started from nothing, as the operating system starts them."""

    def popen(self, args, cwd, env, stdout):
        with open(stdout, 'w') as output:
            return subprocess.Popen([sys.executable, *args], cwd=cwd, env=env,
                                    stdout=output, stderr=subprocess.STDOUT)

    def run(self, args, cwd, env, input=None, timeout=60):
        return subprocess.run([sys.executable, *args], cwd=cwd, env=env, input=input,
                              capture_output=True, text=True, timeout=timeout)


def measuring_coverage():
    coverage = sys.modules.get('coverage')
    return coverage is not None and coverage.Coverage.current() is not None


@pytest.fixture(scope='session')
def python_processes():
    """Starts Python processes: from the fork server where a process can fork and no
    coverage is measured (coverage follows new processes only), else from nothing."""
    if not hasattr(os, 'fork') or measuring_coverage():
        yield NewProcesses()
        return
    server = ForkServer.nearest()
    yield server
    server.stop()


def upgrade(python_processes, snapshot, database, revision='head'):
    """`flask db upgrade REVISION` on a database file, with the snapshot's migrations."""
    result = python_processes.run(
        ['-m', 'flask', 'db', 'upgrade', revision, '--directory',
         str(snapshot.path / 'migrations')],
        database.parent, flask_environment(snapshot.path, database, {}))
    assert result.returncode == 0, \
        f'flask db upgrade failed: {result.stderr.strip().splitlines()[-1]}\n{result.stderr}'


@pytest.fixture(scope='session')
def migrated_database(snapshot, tmp_path_factory, python_processes):
    """An empty database file built by the snapshot's migrations (`flask db upgrade`)."""
    database = tmp_path_factory.mktemp('migrated') / 'app.db'
    if (snapshot.path / 'migrations').is_dir():
        upgrade(python_processes, snapshot, database)
    else:
        database.touch()              # no migrations before chapter 4
    return database


@pytest.fixture(scope='module')
def migrate(snapshot, tmp_path_factory, python_processes):
    """migrate('f9aa3e17053d'): bring this test module's own database file to that
    revision ('head' if none is named) with `flask db upgrade`; returns the file's path.
    One file per module: its tests look at one upgrade from as many sides as they like."""
    database = tmp_path_factory.mktemp('migrate') / 'migrated.db'

    def migrate(revision='head'):
        upgrade(python_processes, snapshot, database, revision)
        return database
    return migrate


@pytest.fixture(scope='module')
def upgraded_from(migrate):
    """upgraded_from('830e0b755ede', user=[{...}, ...]): this module's database file at
    that revision, with these rows put in each table, then upgraded to the newest revision
    with `flask db upgrade`, as a person would upgrade their site. Returns an engine on it."""
    engines = []

    def upgraded_from(revision, **tables):
        engine = sa.create_engine(f'sqlite:///{migrate(revision)}')
        engines.append(engine)
        with engine.begin() as connection:
            for table, rows in tables.items():
                columns = list(rows[0])
                connection.execute(sa.text(
                    f'INSERT INTO "{table}" ({", ".join(columns)}) '
                    f'VALUES ({", ".join(":" + column for column in columns)})'), rows)
        engine.dispose()
        migrate()
        return engine

    yield upgraded_from
    for engine in engines:
        engine.dispose()


@dataclass
class RunningApp:
    snapshot: object
    url: str
    folder: Path          # the server's working directory: logs/ appears here
    database: Path        # the database file, or a PostgreSQL database's URL
    process: object       # a subprocess.Popen, or the fork server's ForkedProcess
    output_file: Path

    def client(self):
        return HttpClient(self.url)

    def add_user(self, username, **columns):
        """A user saved in the app's database file, as make_user() saves one."""
        with self.snapshot.session_on(self.database) as session:
            return add_user(session, importlib.import_module('app.models'), username,
                            **columns)

    def signed_in_client(self, username, password='correct horse'):
        """A client of someone who has an account and signed in through the login form."""
        client = self.client()
        person = self.add_user(username, password=password)
        response = sign_in(client, person)
        assert response.status_code == 302, f'could not sign in {username} on {self.url}'
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


class Servers:
    """Starts the snapshot's server processes in folders of their own; stops them all."""

    def __init__(self, snapshot, migrated_database, folder, python_processes):
        self.snapshot, self.migrated_database = snapshot, migrated_database
        self.folder, self.python_processes = folder, python_processes
        self.started = []

    def start(self, command, settings, database_url=None):
        """command(port): the server's command line. The database is a fresh copy of the
        migrated file, or the one at database_url."""
        folder = self.folder / f'server{len(self.started)}'
        folder.mkdir()
        environment = prepared_folder(self.snapshot, self.migrated_database, folder, settings)
        database = folder / 'app.db'
        if database_url is not None:
            environment['DATABASE_URL'] = database = database_url
        # gunicorn (from 24) opens a control socket, by default one per user, in
        # XDG_RUNTIME_DIR or ~/.gunicorn: each server here gets its own.
        environment['XDG_RUNTIME_DIR'] = str(folder)
        port = free_port()
        output_file = folder / 'output.txt'
        process = self.python_processes.popen(command(port), folder, environment,
                                              output_file)
        running = RunningApp(self.snapshot, f'http://127.0.0.1:{port}', folder, database,
                             process, output_file)
        self.started.append(running)
        if not wait_for_port(port, alive=lambda: process.poll() is None):
            running.stop()
            raise AssertionError(f'the app did not start:\n{running.output()}')
        return running

    def stop(self):
        for running in self.started:
            running.stop()


@pytest.fixture
def run_app(snapshot, migrated_database, tmp_path, python_processes):
    """run_app(MAIL_SERVER=...): start the snapshot with `flask run` and these settings."""
    servers = Servers(snapshot, migrated_database, tmp_path, python_processes)
    yield lambda **settings: servers.start(
        lambda port: ['-m', 'flask', 'run', '--host', '127.0.0.1', '--port', str(port)],
        settings)
    servers.stop()


@pytest.fixture(scope='module')
def run_gunicorn(snapshot, migrated_database, tmp_path_factory, python_processes):
    """run_gunicorn(workers=4, database_url=None, MAIL_SERVER=...): serve the snapshot's
    app with gunicorn, as a site in production is served (chapter 17 on), on a copy of the
    migrated database file or on the database at database_url. The servers a test module
    starts run until its last test ends."""
    servers = Servers(snapshot, migrated_database, tmp_path_factory.mktemp('gunicorn'),
                      python_processes)

    def run(workers=4, database_url=None, **settings):
        return servers.start(lambda port: [
            '-m', 'gunicorn', '--workers', str(workers), '--bind', f'127.0.0.1:{port}',
            'microblog:app'], settings, database_url)

    yield run
    servers.stop()


@pytest.fixture
def run_with_app(snapshot, migrated_database, tmp_path, python_processes):
    """run_with_app(code, **settings): run Python code in a new process, in a fresh
    folder, with `app` found as `flask run` finds it."""
    def run(code, **settings):
        environment = prepared_folder(snapshot, migrated_database, tmp_path, settings)
        return python_processes.run(['-c', LOAD_APP + code], tmp_path, environment)
    return run


@pytest.fixture
def run_flask(snapshot, migrated_database, tmp_path, python_processes):
    """run_flask(['shell'], input=..., **settings): a `flask` command in a fresh folder.
    A setting given as None is left out of the environment."""
    def run(args, input=None, **settings):
        environment = prepared_folder(snapshot, migrated_database, tmp_path, settings)
        return python_processes.run(['-m', 'flask', *args], tmp_path, environment,
                                    input=input)
    return run
