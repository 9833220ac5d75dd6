"""The production configuration: a secret key from the environment or no start, never debug
mode, the database from DATABASE_URL, errors to the admins and to a log file."""
import pytest
import requests

from shared.net import wait_until
from shared.production import HANDLER_NAMES, LOG_LINE

NO_SECRET_KEY = 'SECRET_KEY is not set'


def test_flask_commands_will_not_start_without_a_secret_key(run_flask):
    result = run_flask(['routes'], SECRET_KEY=None)

    assert result.returncode != 0
    assert result.stderr.strip().splitlines()[-1].startswith(f'RuntimeError: {NO_SECRET_KEY}')


def serves(server):
    try:
        return requests.get(server.url + '/login', timeout=10).status_code == 200
    except requests.ConnectionError:
        return False


def test_gunicorn_will_not_serve_without_a_secret_key(run_gunicorn):
    server = run_gunicorn(workers=1, SECRET_KEY=None)

    wait_until(lambda: server.process.poll() is not None or serves(server), timeout=30)

    assert server.process.poll() not in (None, 0)
    output = server.output()
    assert f'{NO_SECRET_KEY}. In production it must come from the environment' in output
    assert 'Worker failed to boot' in output


def test_production_will_not_start_in_debug_mode(run_flask):
    result = run_flask(['routes'], FLASK_DEBUG='1')

    assert result.returncode != 0
    assert 'Debug mode is on (FLASK_DEBUG) in the production configuration' in result.stderr


@pytest.mark.parametrize('given', ['postgres://alice:secret@db.example.com:5432/microblog',
                                   'postgresql://alice:secret@db.example.com:5432/microblog'])
def test_a_postgresql_address_is_read_as_one_for_psycopg_3(config_class, given):
    config = config_class(DATABASE_URL=given)

    assert config.SQLALCHEMY_DATABASE_URI == \
        'postgresql+psycopg://alice:secret@db.example.com:5432/microblog'


def test_only_production_sends_errors_to_the_admins_and_a_log_file(run_with_app, tmp_path):
    result = run_with_app(HANDLER_NAMES, FLASK_CONFIG='development', MAIL_SERVER='127.0.0.1')

    assert result.stdout.strip() == '[]'
    assert not (tmp_path / 'logs').exists()


def test_the_log_begins_with_the_production_configurations_startup_line(run_with_app,
                                                                        tmp_path):
    run_with_app('')

    first_line = (tmp_path / 'logs' / 'microblog.log').read_text().splitlines()[0]
    entry = LOG_LINE.match(first_line)
    assert entry, f'not in the format "time level: message [in path:line]": {first_line!r}'
    assert (entry['level'], entry['message']) == ('INFO', 'Microblog startup')
    assert entry['path'].endswith('config.py')
