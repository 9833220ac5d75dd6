"""The fixtures every chapter's tests use: the app, its database, users, forms."""
import importlib
import runpy
from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from shared import pages
from shared.database import database_contents as contents_of, recorded_queries


@pytest.fixture
def app(snapshot):
    """The snapshot's Flask app in testing mode, with a fresh, empty database."""
    if snapshot.db is not None:
        with snapshot.app.app_context():
            snapshot.db.create_all()
    yield snapshot.app
    if snapshot.db is not None:
        with snapshot.app.app_context():
            snapshot.db.session.remove()
            snapshot.db.drop_all()


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


@dataclass
class Person:
    id: int
    username: str
    email: str
    password: str


@pytest.fixture
def make_user(app, db, models):
    """make_user('susan'): a user in the database; returns who they are and their password."""
    def make(username, email=None, password='correct horse', **columns):
        with app.app_context():
            user = models.User(username=username, email=email or f'{username}@example.com',
                               **columns)
            if hasattr(user, 'set_password'):
                user.set_password(password)
            db.session.add(user)
            db.session.commit()
            return Person(user.id, user.username, user.email, password)
    return make


@pytest.fixture
def log_in(post_form, client):
    """log_in(person): sign in through the login form, as the person would."""
    def log_in(person, client=client):
        response = post_form('/login', client=client, username=person.username,
                             password=person.password)
        assert response.status_code == 302, f'could not log in as {person.username}'
        return response
    return log_in


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
