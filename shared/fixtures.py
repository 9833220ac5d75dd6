"""The fixtures every chapter's tests use: the app, its database, users, forms."""
import copy
import hashlib
import importlib
import runpy
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from shared import pages
from shared.database import add_user, database_contents as contents_of, recorded_queries

# Werkzeug's default, scrypt with n=2**15, r=8, p=1, costs about 0.1 s a hash: on
# purpose, to slow down anyone guessing. The suites hash thousands of passwords, so in
# this process passwords are hashed with scrypt at n=4, r=1, p=2: about 0.05 ms, a tenth
# of n=128, r=8, p=1. (Werkzeug lets OpenSSL use 132 * n * r * p bytes, and OpenSSL
# needs 128 * r * (n + p + 2): with p=1, nothing below n=128 fits; with p=2, n=4 does.)
# check_password_hash() reads the method from the hash itself, so checking is as quick.
# The snapshots' code is not changed, and a test that shows the real default asks for
# real_password_hashing.
WERKZEUG_DEFAULTS = generate_password_hash.__defaults__
QUICK_DEFAULTS = ('scrypt:4:1:2', *WERKZEUG_DEFAULTS[1:])


@pytest.fixture(scope='session', autouse=True)
def _quick_password_hashing():
    generate_password_hash.__defaults__ = QUICK_DEFAULTS
    yield
    generate_password_hash.__defaults__ = WERKZEUG_DEFAULTS


@pytest.fixture
def real_password_hashing():
    """Passwords hashed with Werkzeug's real default method and cost, for this test."""
    generate_password_hash.__defaults__ = WERKZEUG_DEFAULTS
    yield
    generate_password_hash.__defaults__ = QUICK_DEFAULTS


def build_database(snapshot):
    """Inside an app context: the tables of the snapshot's models and, from chapter 9, the
    roles, which `flask db upgrade` puts in."""
    snapshot.db.create_all()
    role = getattr(getattr(snapshot.package, 'models', None), 'Role', None)
    if role is not None:
        role.insert_roles()


@pytest.fixture
def scrypt_calls(monkeypatch):
    """The cost n of every scrypt hash computed from now on (Werkzeug's real hashlib.scrypt
    still does the work)."""
    calls = []
    real_scrypt = hashlib.scrypt

    def counted_scrypt(*args, **kwargs):
        calls.append(kwargs.get('n'))
        return real_scrypt(*args, **kwargs)

    monkeypatch.setattr(hashlib, 'scrypt', counted_scrypt)
    return calls


@dataclass
class TestDatabase:
    """The database every test starts from, built once per process and kept in memory,
    and the one engine the tests' apps share."""
    template: sqlite3.Connection
    engine: sa.Engine

    def give_to(self, app, db):
        """Let app use the shared engine, with a fresh copy of the database in it.

        SQLAlchemy keeps the SQL it has compiled for a query with the engine that ran
        it: each test's app with an engine of its own would compile every query again,
        the biggest cost of a test here. So the engine that create_app() gave this app
        is closed unused, and the shared one takes its place; SQLite's backup then
        writes the template over whatever the last test left in it."""
        with app.app_context():
            engines = db.engines
            if engines[None] is not self.engine:
                engines[None].dispose()
                engines[None] = self.engine
            with sqlite_connection(self.engine) as database:
                self.template.backup(database)


@pytest.fixture(scope='session')
def _test_database(snapshot, pytestconfig, request):
    if snapshot.db is None:
        yield None
        return
    if pytestconfig.course.database == 'postgresql':
        database = on_postgresql(snapshot, request.getfixturevalue('postgres_server'),
                                 request.getfixturevalue('python_processes'),
                                 request.getfixturevalue('tmp_path_factory').mktemp('deploy'))
        yield database
        database.engine.dispose()
        return
    template = sqlite3.connect(':memory:', check_same_thread=False)
    app = snapshot.new_app()
    with app.app_context():
        build_database(snapshot)
        with sqlite_connection(snapshot.db.engine) as built:
            built.backup(template)
        snapshot.db.session.remove()
        engine = snapshot.db.engine
    yield TestDatabase(template, engine)
    engine.dispose()
    template.close()


def on_postgresql(snapshot, server, python_processes, folder):
    """The database the tests start from, in a new database of the PostgreSQL server,
    built as a site's is: by the snapshot's `flask deploy` (chapter 17 on)."""
    from shared.postgres import PostgresTestDatabase
    from shared.production import flask_environment
    url = server.new_database('tests')
    deploy = python_processes.run(['-m', 'flask', 'deploy'], folder,
                                  flask_environment(snapshot.path, folder / 'unused.db',
                                                    {'DATABASE_URL': url}))
    if deploy.returncode != 0:
        raise pytest.UsageError('--database=postgresql: `flask deploy` failed on '
                                f'{snapshot.path.name}\n{deploy.stderr}')
    app = snapshot.new_app_on(url)
    with app.app_context():
        database = PostgresTestDatabase.built(snapshot.db.engine, snapshot.db.metadata)
        snapshot.db.session.remove()
    return database


@contextmanager
def sqlite_connection(engine):
    """The sqlite3 connection under one of the engine's connections."""
    connection = engine.raw_connection()
    try:
        yield connection.driver_connection
    finally:
        connection.close()


@pytest.fixture(scope='session')
def _app_of_this_process(snapshot):
    """The app the tests of this process share, and its settings as first made.

    Making an app costs more than most tests do (its routes, then its templates on the
    first page drawn), and a run makes thousands. So, as chapters 1-7 must, every test
    gets the same app; before each test its settings are put back as the factory made
    them, and its database is a fresh copy. A test that needs another app (other
    settings, another configuration) calls the factory itself."""
    app = snapshot.new_app()
    return app, copy.deepcopy(dict(app.config))


@pytest.fixture
def app(snapshot, _app_of_this_process, _test_database):
    """The snapshot's Flask app in testing mode, with its settings as made and a fresh
    database: its tables and, from chapter 9, its roles."""
    app, settings = _app_of_this_process
    app.config.clear()
    app.config.update(copy.deepcopy(settings))
    if _test_database is not None:
        _test_database.give_to(app, snapshot.db)
    yield app
    if _test_database is not None:
        with app.app_context():
            snapshot.db.session.remove()


@pytest.fixture
def client(app):
    """A test client of the app. pytest-flask's own keeps the context of its last request
    open, so that a second client of the same test would share its `g` (the signed-in
    user, the CSRF token): this one does not."""
    return app.test_client()


@pytest.fixture
def _push_request_context():
    # pytest-flask keeps one request context open for the whole test, so every
    # request of a test would share `g` and the database session (a user cached
    # by Flask-Login, a session never rolled back). Here each request gets its
    # own context, as it does in production; tests open `app.app_context()`.
    yield


@pytest.fixture
def config_class(snapshot, monkeypatch):
    """config_class(SECRET_KEY='...'): the Config class config.py makes under these
    environment variables (None: the variable is not set)."""
    def config_class(**environment):
        for name, value in environment.items():
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        return runpy.run_path(str(snapshot.path / 'config.py'))['Config']
    return config_class


@pytest.fixture
def db(snapshot):
    assert snapshot.db is not None, f'{snapshot.path.name} has no database yet'
    return snapshot.db


@pytest.fixture
def models(snapshot):
    """The snapshot's app.models module (User, Post, ...)."""
    return importlib.import_module('app.models')


@pytest.fixture
def post_form(client):
    """post_form('/login', username=..., password=...): submit a page's form with its CSRF token."""
    def post(path, client=client, follow_redirects=False, **fields):
        return pages.post_form(client, path, follow_redirects=follow_redirects, **fields)
    return post


@pytest.fixture
def press(client):
    """press('/user/bob', 'Follow'): open the page and press its button that says Follow."""
    def press(path, label, client=client, follow_redirects=False):
        return pages.press(client, path, label, follow_redirects=follow_redirects)
    return press


@pytest.fixture
def make_user(app, db, models):
    """make_user('susan'): a user in the database; returns who they are and their password.
    make_user('bob', role='Moderator', about_me='...'): with a role, and columns."""
    def make(username, email=None, password='correct horse', **columns):
        with app.app_context():
            return add_user(db.session, models, username, email, password, **columns)
    return make


@pytest.fixture
def make_role(app, db, models):
    """make_role('Reader', 'FOLLOW', 'COMMENT'): a new role that may do that, and no more
    (chapter 9 on)."""
    def make(name, *permissions):
        with app.app_context():
            db.session.add(models.Role(name=name, permissions=sum(
                getattr(models.Permission, permission) for permission in permissions)))
            db.session.commit()
    return make


def saved_id(session, row):
    """Save the row; return its id, read before the commit (after it, reading the id
    would be a query of its own)."""
    session.add(row)
    session.flush()
    row_id = row.id
    session.commit()
    return row_id


@pytest.fixture
def make_post(app, db, models):
    """make_post(susan, 'Hello', timestamp=...): a post by that person, saved; returns its id."""
    def make(author, body='A post', **columns):
        with app.app_context():
            return saved_id(db.session, models.Post(body=body, user_id=author.id, **columns))
    return make


@pytest.fixture
def make_comment(app, db, models):
    """make_comment(post_id, susan, 'Nice!', disabled=True): a comment, saved; its id
    (chapter 13 on)."""
    def make(post_id, author, body='A comment', **columns):
        with app.app_context():
            return saved_id(db.session, models.Comment(body=body, post_id=post_id,
                                                       author_id=author.id, **columns))
    return make


@pytest.fixture
def saved_posts(app, db, models):
    """saved_posts(): (author, body, body_html) of every post, oldest first
    (chapter 11 on)."""
    def saved_posts():
        with app.app_context():
            return [(post.author.username, post.body, post.body_html) for post in
                    db.session.scalars(sa.select(models.Post).order_by(models.Post.id))]
    return saved_posts


@pytest.fixture
def saved_comments(app, db, models):
    """saved_comments(): (author, body, disabled) of every comment, oldest first
    (chapter 13 on)."""
    def saved_comments():
        with app.app_context():
            return [(comment.author.username, comment.body, comment.disabled)
                    for comment in db.session.scalars(
                        sa.select(models.Comment).order_by(models.Comment.id))]
    return saved_comments


@pytest.fixture
def log_in(client):
    """log_in(person): sign in through the login form, as the person would.
    log_in(person, path='/login?next=...', remember_me='y'): at that address, with more."""
    def log_in(person, client=client, path='/login', **fields):
        response = pages.sign_in(client, person, path, **fields)
        assert response.status_code == 302, f'could not log in as {person.username}'
        return response
    return log_in


@pytest.fixture
def make_follow(app, db, models):
    """make_follow(susan, bob, timestamp=...): susan follows bob from then on (chapter 12)."""
    def make(follower, followed, **columns):
        with app.app_context():
            db.session.add(models.Follow(follower_id=follower.id, followed_id=followed.id,
                                         **columns))
            db.session.commit()
    return make


@pytest.fixture
def susan(make_user, log_in):
    """Susan has an ordinary account, and is signed in with the test's client."""
    susan = make_user('susan')
    log_in(susan)
    return susan


@pytest.fixture
def add_people(app, db, models, susan):
    """add_people(n): n more people, each with a post, each following susan and followed
    by her (chapter 12 on). Each person is saved with their post and follows in one
    commit: the query-count tests add twenty at a time."""
    added = []

    def add_people(count):
        with app.app_context():
            for _ in range(count):
                person = add_user(db.session, models, f'person{len(added)}')
                added.append(person)
                db.session.add_all([
                    models.Post(body='a post', user_id=person.id),
                    models.Follow(follower_id=person.id, followed_id=susan.id),
                    models.Follow(follower_id=susan.id, followed_id=person.id)])
                db.session.commit()
    return add_people


@pytest.fixture
def profiles(app, db, models):
    """profiles(): each user's (username, about_me), in the order they joined."""
    def profiles():
        with app.app_context():
            query = sa.select(models.User.username, models.User.about_me).order_by(
                models.User.id)
            return [tuple(row) for row in db.session.execute(query)]
    return profiles


@pytest.fixture
def database_contents(app, db):
    """database_contents(ignoring=('user.last_seen',)): every row of every table, to
    compare before and after; the columns named are left out."""
    def contents(ignoring=()):
        with app.app_context():
            return contents_of(db.engine, ignoring)
    return contents


@pytest.fixture
def record_queries(app, db):
    """with record_queries() as queries: ...  collects the SQL each request sends."""
    with app.app_context():
        engine = db.engine
    return lambda: recorded_queries(engine)


@pytest.fixture
def queries_of(client, record_queries):
    """queries_of('/index'): the SQL that opening the page sends (it must open: 200,
    after any redirect)."""
    def queries_of(path):
        with record_queries() as sent:
            assert client.get(path, follow_redirects=True).status_code == 200
        return sent
    return queries_of


@pytest.fixture
def another_request_first(db, models):
    """with another_request_first('bob', username='carol'): ...  The race a form's check
    leaves open: the moment this test's request is about to save a user with that value,
    another request gives it to bob and commits first."""
    @contextmanager
    def race(person, **taken):
        (column, value), = taken.items()
        User = models.User

        def commit_first(session, flush_context, instances):
            if any(isinstance(row, User) and getattr(row, column) == value
                   for row in session.dirty):
                with db.engine.begin() as other_request:
                    other_request.execute(sa.update(User).where(
                        User.username == person).values({column: value}))

        sa.event.listen(db.session, 'before_flush', commit_first)
        try:
            yield
        finally:
            sa.event.remove(db.session, 'before_flush', commit_first)
    return race
