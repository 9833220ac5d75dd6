"""Where the database lives: DATABASE_URL, or app.db beside config.py."""
import pytest


def test_database_url_is_read_from_the_environment(config_class):
    config = config_class(DATABASE_URL='sqlite:////srv/microblog/app.db')

    assert config.SQLALCHEMY_DATABASE_URI == 'sqlite:////srv/microblog/app.db'


def test_without_database_url_the_database_is_app_db_beside_config(config_class, snapshot):
    config = config_class(DATABASE_URL=None)

    assert config.SQLALCHEMY_DATABASE_URI == f'sqlite:///{snapshot.path / "app.db"}'


@pytest.mark.sqlite_only(reason="checks that the tests' app is on SQLite in memory, as the "
                                "tests build it by default")
def test_app_connects_to_the_configured_database(app, db, snapshot):
    # The tests build the app with DATABASE_URL naming a database in memory.
    with app.app_context():
        url = db.engine.url

    assert url.render_as_string() == snapshot.environment['DATABASE_URL'] == 'sqlite://'
