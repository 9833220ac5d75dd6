"""A real PostgreSQL server for the tests that need one (chapter 17): started on a free
loopback port, in a folder of its own, once per pytest process, and removed at its end.

Debian's `postgresql` package keeps its programs in /usr/lib/postgresql/VERSION/bin. The
server refuses to run as root, so when the tests run as root it runs as the `postgres`
user, which the package makes. Where PostgreSQL is not installed, the tests that need it are
skipped with a message saying how to install it; with POSTGRES_REQUIRED=1 (CI) they fail.
"""
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from shared.net import free_port
from shared.required import missing

INSTALL_HINT = ('install PostgreSQL (Debian/Ubuntu: sudo apt-get install postgresql), or put '
                'its initdb and pg_ctl on the PATH')


def find_postgres():
    """The folder of PostgreSQL's initdb and pg_ctl: Debian's newest, or the PATH's."""
    debian = sorted(glob.glob('/usr/lib/postgresql/*/bin/pg_ctl'),
                    key=lambda path: int(Path(path).parts[4]))
    if debian:
        return Path(debian[-1]).parent
    pg_ctl, initdb = shutil.which('pg_ctl'), shutil.which('initdb')
    if pg_ctl and initdb and Path(pg_ctl).parent == Path(initdb).parent:
        return Path(pg_ctl).parent
    return None


def require_postgres():
    """PostgreSQL's programs, or a skip (a failure with POSTGRES_REQUIRED=1)."""
    programs = find_postgres()
    if programs is None:
        missing(f'no PostgreSQL for the tests: {INSTALL_HINT}', 'POSTGRES_REQUIRED')
    return programs


@dataclass
class PostgresServer:
    programs: Path
    folder: Path        # the server's data, its socket and its log
    port: int
    run_as: list        # ['runuser', '-u', 'postgres', '--'] when the tests run as root

    def run(self, program, *args):
        done = subprocess.run([*self.run_as, str(self.programs / program), *args],
                              capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            log = self.folder / 'server.log'
            raise AssertionError(f'{program} {" ".join(args)} failed:\n{done.stdout}'
                                 f'{done.stderr}' + (log.read_text() if log.exists() else ''))

    def start(self):
        self.run('initdb', '-D', str(self.folder), '-U', 'postgres', '-A', 'trust',
                 '-E', 'UTF8', '--locale=C', '--no-sync')
        # Its data is thrown away at the end: nothing needs to survive a crash, so the
        # server does not wait for the disk.
        options = (f'-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 '
                   '-c fsync=off -c synchronous_commit=off -c full_page_writes=off')
        self.run('pg_ctl', '-D', str(self.folder), '-l', str(self.folder / 'server.log'),
                 '-o', options, '-w', 'start')

    def stop(self):
        self.run('pg_ctl', '-D', str(self.folder), '-m', 'immediate', '-w', 'stop')

    @property
    def owner(self):
        """The name of the system user the server runs as."""
        pid = int((self.folder / 'postmaster.pid').read_text().split()[0])
        return pwd.getpwuid(os.stat(f'/proc/{pid}').st_uid).pw_name

    def url(self, database='postgres'):
        """The SQLAlchemy URL of a database on this server (psycopg 3)."""
        return f'postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}'

    def new_database(self, name):
        """Make an empty database; return its URL."""
        import psycopg          # here, not above: most test runs never need it
        with psycopg.connect(f'host=127.0.0.1 port={self.port} user=postgres dbname=postgres',
                             autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@pytest.fixture(scope='session')
def postgres_server():
    """A PostgreSQL server of this process's own: .new_database('name') gives an empty
    database and its URL."""
    programs = require_postgres()
    folder = Path(tempfile.mkdtemp(prefix='course-postgres-'))
    run_as = []
    if os.geteuid() == 0:
        # Not under pytest's temporary folder: only root may enter that one.
        postgres = pwd.getpwnam('postgres')
        os.chown(folder, postgres.pw_uid, postgres.pw_gid)
        run_as = ['runuser', '-u', 'postgres', '--']
    server = PostgresServer(programs, folder, free_port(), run_as)
    try:
        server.start()
        yield server
        server.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@dataclass
class PostgresTestDatabase:
    """The database every test starts from, on PostgreSQL (`--database=postgresql`): the
    tables built once per process, and before each test emptied and given the rows they
    had when built (the roles), with every id counting from 1 again."""
    engine: sa.Engine
    metadata: sa.MetaData
    reset: str            # the SQL that puts the database back as it was built

    @classmethod
    def built(cls, engine, metadata):
        """Keep what the built database holds, as SQL that empties the tables of the
        models' metadata and puts it back."""
        tables = list(metadata.sorted_tables)
        # DELETE, not TRUNCATE: for tables of a few rows, several times quicker.
        statements = [f'DELETE FROM "{table.name}"' for table in reversed(tables)]
        with engine.connect() as connection:
            for table in tables:
                rows = [dict(row._mapping) for row in connection.execute(sa.select(table))]
                sequence = connection.scalar(sa.text(
                    "SELECT pg_get_serial_sequence(:table, 'id')"), {'table': f'"{table.name}"'}) \
                    if 'id' in table.c else None
                if rows:
                    statements.append(str(table.insert().values(rows).compile(
                        connection, compile_kwargs={'literal_binds': True})))
                if sequence:
                    # The next new row's id follows the ones put back, or is 1.
                    statements.append(f"SELECT setval('{sequence}', "
                                      f'{max(row["id"] for row in rows) if rows else 1}, '
                                      f'{"true" if rows else "false"})')
        return cls(engine, metadata, ';\n'.join(statements))

    def give_to(self, app, db):
        """Let app use this engine, with the database as it was built."""
        with app.app_context():
            engines = db.engines
            if engines[None] is not self.engine:
                engines[None].dispose()
                engines[None] = self.engine
        try:
            self.put_back()
        except sa.exc.ProgrammingError:
            # A test dropped a table (to make the app fail): it is built again.
            with self.engine.begin() as connection:
                self.metadata.create_all(connection)
            self.put_back()

    def put_back(self):
        with self.engine.begin() as connection:
            # A connection a failed test left in a transaction fails this one, not the run.
            connection.exec_driver_sql("SET LOCAL lock_timeout = '10s'")
            # One round trip: psycopg sends statements without parameters as one query.
            connection.exec_driver_sql(self.reset)
