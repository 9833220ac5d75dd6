"""What chapter 15's tests share: a copy of the snapshot, as a person's project folder, and
its `flask` commands run there."""
import shutil

import pytest

from shared.production import flask_environment


@pytest.fixture(scope='module')
def copy_project(snapshot, tmp_path_factory):
    """copy_project(): a copy of the snapshot to run its own tests in (they leave
    .pytest_cache, .coverage and htmlcov/ where they run). Returns its folder."""
    def copy_project():
        folder = tmp_path_factory.mktemp('project') / 'microblog'
        shutil.copytree(snapshot.path, folder, ignore=shutil.ignore_patterns(
            '__pycache__', '*.db', 'logs', '.pytest_cache', '.coverage', 'htmlcov'))
        return folder
    return copy_project


@pytest.fixture(scope='module')
def flask_in(python_processes):
    """flask_in(folder, 'test', ...): that `flask` command, run in folder as a person runs
    it there, with the app found through its .flaskenv."""
    def flask_in(folder, *args):
        environment = flask_environment(folder, folder / 'app.db', {'FLASK_CONFIG': None})
        # The course's environment holds Hypothesis (chapter 14's fuzz test); a project's,
        # made from its requirements.txt, does not. Its pytest plugin would import all of
        # Hypothesis into the app's own test run: about 2 s under coverage, for nothing.
        environment['PYTEST_ADDOPTS'] = '-p no:hypothesispytest'
        return python_processes.run(['-m', 'flask', *args], folder, environment, timeout=120)
    return flask_in
