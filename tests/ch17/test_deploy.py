"""`flask deploy`: the one command a release runs, on an empty database or on one in use."""
import shutil
import sqlite3

import pytest
import sqlalchemy as sa

from shared.database import database_contents, rows

HEAD = 'd0353fd05a54'       # chapter 16's newest revision; chapter 17 adds none
ROLES = [('User', 7, True), ('Moderator', 15, False), ('Administrator', 31, False)]


@pytest.fixture
def deploy(flask_on):
    """deploy(database): run `flask deploy` on the database file; an engine on it."""
    engines = []

    def deploy(database):
        result = flask_on(f'sqlite:///{database}', 'deploy')
        assert result.returncode == 0, result.stderr
        engines.append(sa.create_engine(f'sqlite:///{database}'))
        return engines[-1]
    yield deploy
    for engine in engines:
        engine.dispose()


def roles(engine):
    return [(name, permissions, bool(default)) for name, permissions, default in
            rows(engine, 'SELECT name, permissions, "default" FROM role ORDER BY id')]


def test_deploy_builds_an_empty_database_to_the_newest_revision(deploy, tmp_path):
    engine = deploy(tmp_path / 'new.db')

    assert rows(engine, 'SELECT version_num FROM alembic_version') == [(HEAD,)]
    assert roles(engine) == ROLES
    assert rows(engine, 'SELECT count(*) FROM user') == [(0,)]


def test_a_second_deploy_changes_nothing(deploy, tmp_path):
    engine = deploy(tmp_path / 'new.db')
    before = database_contents(engine)

    deploy(tmp_path / 'new.db')

    assert database_contents(engine) == before


@pytest.fixture
def site_of_chapter_16(migrated_database, tmp_path):
    """A database at chapter 16's newest revision, as a site left it: alice follows herself;
    bob, put in by hand, does not; the roles are out of date (User may not write, and
    there is no Administrator)."""
    database = tmp_path / 'site.db'
    shutil.copy(migrated_database, database)
    with sqlite3.connect(database) as connection:
        connection.executescript('''
            UPDATE role SET permissions = 3 WHERE name = 'User';
            DELETE FROM role WHERE name = 'Administrator';
            INSERT INTO user (id, username, email, login_id, role_id) VALUES
                (1, 'alice', 'alice@example.com', 'a', 1),
                (2, 'bob', 'bob@example.com', 'b', 1);
            INSERT INTO follow VALUES (1, 1, '2024-05-17 09:30:00.000000');
            INSERT INTO post (id, body, timestamp, user_id) VALUES
                (1, 'Hello', '2024-05-17 09:31:00.000000', 2);
        ''')
    connection.close()
    return database


def test_deploy_brings_a_database_in_use_up_to_date(deploy, site_of_chapter_16):
    engine = deploy(site_of_chapter_16)

    assert roles(engine) == ROLES
    assert rows(engine, 'SELECT follower_id, followed_id, timestamp FROM follow '
                        'ORDER BY follower_id')[0] == (1, 1, '2024-05-17 09:30:00.000000')
    assert rows(engine, 'SELECT follower_id, followed_id FROM follow ORDER BY 1') == \
        [(1, 1), (2, 2)]
    assert rows(engine, 'SELECT id, username FROM user') == [(1, 'alice'), (2, 'bob')]
    assert rows(engine, 'SELECT body, user_id FROM post') == [('Hello', 2)]


def test_deploying_a_database_in_use_twice_changes_nothing_the_second_time(
        deploy, site_of_chapter_16):
    engine = deploy(site_of_chapter_16)
    before = database_contents(engine)

    deploy(site_of_chapter_16)

    assert database_contents(engine) == before
