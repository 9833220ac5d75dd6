import os
import sys

# `flask test --coverage` starts this file again with FLASK_COVERAGE set, so that coverage
# is measuring before the app's code is imported: the lines that run at import (the
# imports, the models' classes, the routes' decorators) count as covered too.
COV = None
if os.environ.get('FLASK_COVERAGE'):
    import coverage
    COV = coverage.Coverage(branch=True, source=[os.path.join(os.path.dirname(
        os.path.abspath(__file__)), 'app')])
    COV.start()

import click
import sqlalchemy as sa
import sqlalchemy.orm as so

from app import create_app, db
from app.models import Permission, Post, Role, User

app = create_app(os.environ.get('FLASK_CONFIG') or 'default')


@app.shell_context_processor
def make_shell_context():
    # Flask-SQLAlchemy adds every model (Role too) by itself; Permission is no model.
    return {'sa': sa, 'so': so, 'db': db, 'User': User, 'Post': Post,
            'Permission': Permission}


@app.cli.command()
def deploy():
    """Bring the database up to date: run every migration not yet run, make or update the
    roles, and make everyone follow themself. Run it on every deployment; run twice, it
    changes nothing the second time."""
    from flask_migrate import upgrade
    upgrade(directory=os.path.join(os.path.dirname(os.path.abspath(__file__)), 'migrations'))
    Role.insert_roles()
    User.add_self_follows()


@app.cli.command()
@click.option('--coverage/--no-coverage', default=False,
              help='Measure which lines and branches of app/ the tests run.')
@click.argument('test_names', nargs=-1)
def test(coverage, test_names):
    """Run the tests in tests/ (or only TEST_NAMES, as pytest names them)."""
    if coverage and not os.environ.get('FLASK_COVERAGE'):
        # Too late to measure here: the app was imported before this command ran.
        # So the same command starts again, in this process, with coverage on from
        # its first line.
        os.environ['FLASK_COVERAGE'] = '1'
        os.execv(sys.executable, [sys.executable, '-m', 'flask', *sys.argv[1:]])
    import pytest
    here = os.path.dirname(os.path.abspath(__file__))
    status = pytest.main(list(test_names) or [os.path.join(here, 'tests')])
    if COV:
        COV.stop()
        COV.save()                  # .coverage: `coverage report` reads it again
        print('Coverage summary:')
        COV.report()
        COV.html_report(directory='htmlcov')
        print(f'HTML version: file://{os.path.abspath("htmlcov")}/index.html')
    sys.exit(status)


@app.cli.command()
@click.option('--length', default=25, show_default=True, type=click.IntRange(min=1),
              help='How many of the slowest functions each report lists.')
@click.option('--profile-dir', type=click.Path(file_okay=False),
              help='Also save each request\'s profile in this folder, as a file.')
@click.option('--host', default='127.0.0.1', show_default=True)
@click.option('--port', default=5000, show_default=True)
def profile(length, profile_dir, host, port):
    """Serve the app under Python's profiler: each request prints where its time went."""
    from werkzeug.middleware.profiler import ProfilerMiddleware
    from werkzeug.serving import run_simple
    if profile_dir:
        os.makedirs(profile_dir, exist_ok=True)
    app.wsgi_app = ProfilerMiddleware(app.wsgi_app, restrictions=[length],
                                      profile_dir=profile_dir)
    # app.run() does nothing inside a `flask` command; run_simple() is the server under it.
    run_simple(host, port, app)
