"""What the harness promises a snapshot built by a factory. test_harness.py runs this
file with --snapshot=shared/tests/factory_app; its name keeps it out of other runs."""
import os

import pytest


def test_the_app_comes_from_the_factory_in_testing_mode(app, snapshot):
    assert snapshot.has_factory
    assert app.testing
    assert app.config['CONFIG_NAME'] == 'testing'


def test_a_test_can_make_an_app_of_its_own(app, snapshot):
    app.config['GREETING'] = 'Changed in this test'

    other = snapshot.new_app()

    assert other is not app
    assert other.config['GREETING'] == 'Hello, World!'


def test_a_test_changes_the_shared_apps_settings_and_database(app, db, client, snapshot):
    # The first half of a pair: the next test must see none of this.
    app.config['GREETING'] = 'Changed in this test'
    app.config['ADDED'] = 'by this test'
    with app.app_context():
        db.session.add(snapshot.package.Note(text='only in this test'))
        db.session.commit()

    assert client.get('/notes').text == '1'


def test_the_next_test_gets_the_settings_as_made_and_a_fresh_database(app, client):
    assert app.config['GREETING'] == 'Hello, World!'
    assert 'ADDED' not in app.config
    assert client.get('/notes').text == '0'


def test_every_app_starts_with_an_empty_database(app, db, client, snapshot):
    with app.app_context():
        db.session.add(snapshot.package.Note(text='only in this app'))
        db.session.commit()

    assert client.get('/notes').text == '1'
    other = snapshot.new_app()
    with other.app_context():
        db.create_all()
    assert other.test_client().get('/notes').text == '0'
    with other.app_context():
        db.engine.dispose()         # closed now (Python 3.13 warns of an unclosed one)


def test_building_an_app_leaves_the_environment_as_it_was(snapshot):
    before = dict(os.environ)

    snapshot.new_app()

    assert dict(os.environ) == before


@pytest.mark.e2e
def test_the_browser_sees_the_app_of_this_test(app, visitor):
    app.config['GREETING'] = 'Hello from this test'

    visitor.goes_to('/')

    visitor.sees('Hello from this test')


def test_flask_run_serves_the_configuration_flask_config_names(run_app):
    server = run_app()

    assert server.client().get('/config').text == 'production debug=False'


def test_code_run_with_the_app_finds_it_as_flask_does(run_with_app):
    result = run_with_app("print(app.config['CONFIG_NAME'], app.debug)")

    assert result.stdout.split() == ['production', 'False'], result.stderr
