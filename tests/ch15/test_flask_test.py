"""`flask test`: the app runs its own tests, in tests/, and says by its exit status whether
they all passed; with --coverage it measures which lines and branches of app/ they ran."""
import re

import pytest
from coverage import CoverageData

from shared.pages import Page

FAILING_TEST = 'def test_that_fails():\n    assert 1 + 1 == 3\n'
CSRF_TEST = 'tests/test_client.py::test_a_form_without_its_csrf_token_is_refused'


@pytest.fixture(scope='module')
def run_with_coverage(copy_project, flask_in):
    """One `flask test --coverage` in a copy of the project: its folder, and the result."""
    folder = copy_project()
    return folder, flask_in(folder, 'test', '--coverage')


def summary(output):
    """pytest's last line: '12 passed in 3.10s', and the like."""
    return output.strip().splitlines()[-1] if output.strip() else ''


def report_rows(output):
    """The names in coverage's text report, between its dashed lines."""
    table = output.split('Coverage summary:')[1]
    rows = table.split('-----\n')[1].split('\n---')[0]
    return {line.split()[0] for line in rows.strip().splitlines()}


def app_modules(folder):
    return {path.relative_to(folder).as_posix() for path in (folder / 'app').rglob('*.py')}


def test_flask_test_runs_the_apps_own_tests_and_they_pass(run_with_coverage):
    folder, result = run_with_coverage
    pytest_output = result.stdout.split('Coverage summary:')[0]
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.fullmatch(r'=+ \d+ passed in [\d.]+s( \([\d:]+\))? =+', summary(pytest_output)), \
        summary(pytest_output)
    assert (folder / 'tests' / 'test_client.py').is_file()


def test_the_apps_browser_test_runs_in_chromium(run_with_coverage, browser_installed):
    _, result = run_with_coverage
    progress = [line for line in result.stdout.splitlines()
                if line.startswith('tests/test_selenium.py ')]
    assert progress and re.match(r'tests/test_selenium\.py \.+ ', progress[0]), \
        'the browser test did not pass:\n' + result.stdout


@pytest.fixture(scope='module')
def broken_run(copy_project, flask_in):
    """`flask test` (no coverage) in a copy of the project with two things broken: one more
    test, which fails; and CSRF protection off in the testing configuration."""
    folder = copy_project()
    (folder / 'tests' / 'test_broken.py').write_text(FAILING_TEST)
    config = folder / 'config.py'
    config.write_text(config.read_text().replace(
        'class TestingConfig(Config):\n', 'class TestingConfig(Config):\n'
        '    WTF_CSRF_ENABLED = False\n'))
    return folder, flask_in(folder, 'test', 'tests/test_broken.py', CSRF_TEST)


def test_flask_test_fails_when_a_test_fails(broken_run):
    _, result = broken_run
    assert result.returncode == 1
    assert 'FAILED tests/test_broken.py::test_that_fails' in result.stdout
    assert re.fullmatch(r'=+ 2 failed in [\d.]+s =+', summary(result.stdout)), result.stdout


def test_without_coverage_nothing_is_measured(broken_run):
    folder, result = broken_run
    assert 'Coverage summary' not in result.stdout
    assert not (folder / '.coverage').exists() and not (folder / 'htmlcov').exists()


def test_the_apps_tests_keep_csrf_protection_on(broken_run):
    """With CSRF protection off, the app's test of a form posted without its token fails."""
    _, result = broken_run
    assert f'FAILED {CSRF_TEST}' in result.stdout


def test_the_coverage_report_lists_the_app_package_and_only_it(run_with_coverage):
    folder, result = run_with_coverage
    assert report_rows(result.stdout) == app_modules(folder)


def test_coverage_measures_from_before_the_app_is_imported(run_with_coverage):
    """Lines that run when the app's modules are imported count too: coverage was on
    before microblog.py imported the app."""
    folder, _ = run_with_coverage
    data = CoverageData(basename=str(folder / '.coverage'))
    data.read()
    source = (folder / 'app' / '__init__.py').read_text().splitlines()
    import_time_line = source.index('db = SQLAlchemy()') + 1
    assert import_time_line in data.lines(str(folder / 'app' / '__init__.py'))


def test_coverage_measures_branches(run_with_coverage):
    folder, result = run_with_coverage
    data = CoverageData(basename=str(folder / '.coverage'))
    data.read()
    assert data.has_arcs()
    header = result.stdout.split('Coverage summary:')[1].strip().splitlines()[0]
    assert header.split() == ['Name', 'Stmts', 'Miss', 'Branch', 'BrPart', 'Cover']


def test_coverage_writes_an_html_report_of_the_same_modules(run_with_coverage):
    folder, result = run_with_coverage
    index = folder / 'htmlcov' / 'index.html'
    assert f'HTML version: file://{index}' in result.stdout
    page = Page(index.read_text())
    # The report breaks a name at each slash ('app/<wbr>main/...'): the spaces go.
    names = {text.replace(' ', '') for text in page.texts('tbody tr td.name')}
    assert names == app_modules(folder)
