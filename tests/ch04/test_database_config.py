"""Where the database lives: DATABASE_URL, or app.db beside config.py."""
import os
import runpy


def test_database_url_is_read_from_the_environment(snapshot, monkeypatch):
    monkeypatch.setenv('DATABASE_URL', 'sqlite:////srv/microblog/app.db')

    settings = runpy.run_path(str(snapshot.path / 'config.py'))

    assert settings['Config'].SQLALCHEMY_DATABASE_URI == 'sqlite:////srv/microblog/app.db'


def test_without_database_url_the_database_is_app_db_beside_config(snapshot, monkeypatch):
    monkeypatch.delenv('DATABASE_URL', raising=False)

    settings = runpy.run_path(str(snapshot.path / 'config.py'))

    assert settings['Config'].SQLALCHEMY_DATABASE_URI == f'sqlite:///{snapshot.path / "app.db"}'


def test_app_connects_to_the_configured_database(app, db):
    with app.app_context():
        url = db.engine.url

    assert url.render_as_string() == os.environ['DATABASE_URL']
