"""Every query of a request is recorded with its time; after the request, each one slower
than SLOW_DB_QUERY_TIME goes to the log as a warning: the statement, its parameters, how
long it took, and where in the app's code it was made."""
import importlib
import logging
import re

import pytest


@pytest.fixture
def warnings_logged(app, caplog):
    """The messages the app logs at WARNING, from now on."""
    caplog.set_level(logging.WARNING, logger=app.logger.name)
    return lambda: [record.getMessage() for record in caplog.records
                    if record.name == app.logger.name and record.levelno == logging.WARNING]


@pytest.mark.sqlite_only(reason="matches the SQL and the parameters as SQLite's "
                                "driver writes them")
def test_a_query_slower_than_the_threshold_is_logged_with_its_details(
        app, susan, client, warnings_logged):
    app.config['SLOW_DB_QUERY_TIME'] = 0         # every query is slow

    assert client.get('/user/susan').status_code == 200

    logged = warnings_logged()
    found = [message for message in logged if 'WHERE user.username = ?' in message]
    assert found, logged
    message = found[0]
    assert message.startswith('Slow query: SELECT')
    assert "Parameters: [('susan',)]" in message
    assert re.search(r'\nDuration: \d+\.\d ms\n', message)
    assert 'app/main/routes.py' in message and '(user)' in message.split('Location: ')[1]


@pytest.mark.green_at_start(reason='nothing was logged before the chapter; this guards '
                                   'that now only the slow queries are')
def test_queries_quicker_than_the_threshold_are_not_logged(app, susan, client,
                                                             warnings_logged):
    app.config['SLOW_DB_QUERY_TIME'] = 10

    assert client.get('/user/susan').status_code == 200

    assert warnings_logged() == []


def test_api_requests_have_their_slow_queries_logged_too(app, susan, client, warnings_logged):
    app.config['SLOW_DB_QUERY_TIME'] = 0

    assert client.get('/api/v1/posts/', auth=susan.credentials).status_code == 200

    assert any('Location: ' in message and 'app/api/' in message
               for message in warnings_logged())


def test_queries_are_recorded_in_every_configuration():
    configs = importlib.import_module('config').config
    assert {name: configs[name].SQLALCHEMY_RECORD_QUERIES for name in configs} == \
        {name: True for name in configs}


def test_the_threshold_is_half_a_second_unless_the_environment_says(config_class):
    assert config_class(SLOW_DB_QUERY_TIME=None).SLOW_DB_QUERY_TIME == 0.5
    assert config_class(SLOW_DB_QUERY_TIME='0.25').SLOW_DB_QUERY_TIME == 0.25
