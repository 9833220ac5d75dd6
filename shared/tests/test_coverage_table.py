"""`python3 course.py coverage`: a table of each snapshot's coverage by its suite, and a
failure for each line no test runs that the README's coverage note does not explain.
The command runs in a process of its own, as course.py runs it, on the two smallest
chapters; its numbers are checked against coverage's own report of the same data."""
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from shared.coverage_table import (Measurement, Uncovered, combine, read_note, stale,
                                   unexplained)

ROOT = Path(__file__).resolve().parents[2]
NEVER_CALLED = 'def never_called():\n    return "no test asks for this"\n'
NOTE = """# A project

### Coverage

Lines no test runs:

- `app/routes.py` (ch01-ch02): `return "no test asks for this"` - nothing calls it.
- `app/forms.py` (ch04): `pass` - only one chapter has it.

## After the note
- `app/routes.py` (ch01): `return 'elsewhere'` - not in the note: another section.
"""


def run_coverage(*args):
    return subprocess.run([sys.executable, '-m', 'shared.coverage_table', *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def table_rows(output):
    """{chapter: [statements, missed, branches, partial, coverage]} from the printed table."""
    rows = {}
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.strip().strip('|').split('|')]
        if re.fullmatch(r'ch\d\d', cells[0]):
            rows[cells[0]] = cells[1:]
    return rows


def coverage_report_total(data_file):
    """The TOTAL row of `coverage report` on a data file: the same five numbers."""
    report = subprocess.run([sys.executable, '-m', 'coverage', 'report',
                             f'--data-file={data_file}'], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    total = report.stdout.strip().splitlines()[-1].split()
    assert total[0] == 'TOTAL', report.stdout
    return total[1:]


@pytest.fixture(scope='module')
def measured(tmp_path_factory):
    """One run of the command on chapters 1 and 2: its result, and its data folder."""
    data = tmp_path_factory.mktemp('coverage')
    return run_coverage('ch01', 'ch02', f'--data={data}'), data


@pytest.fixture(scope='module')
def with_a_line_never_run(tmp_path_factory):
    """The command on a copy of chapter 1 with a function that nothing calls."""
    copy = tmp_path_factory.mktemp('snapshot') / 'my-ch01'
    shutil.copytree(ROOT / 'chapters' / 'ch01', copy,
                    ignore=shutil.ignore_patterns('__pycache__'))
    with open(copy / 'app' / 'routes.py', 'a') as routes:
        routes.write('\n\n' + NEVER_CALLED)
    data = tmp_path_factory.mktemp('coverage')
    return run_coverage('ch01', f'--snapshot={copy}', f'--data={data}', '--show-missing')


def test_the_table_has_a_row_for_each_chapter_measured(measured):
    result, _ = measured
    assert result.returncode == 0, result.stdout + result.stderr
    assert list(table_rows(result.stdout)) == ['ch01', 'ch02']


@pytest.mark.parametrize('chapter', ['ch01', 'ch02'])
def test_a_rows_numbers_are_those_coverage_reports_for_its_data(measured, chapter):
    result, data = measured
    assert table_rows(result.stdout)[chapter] == coverage_report_total(data / chapter /
                                                                      '.coverage')


def test_a_line_no_test_runs_and_no_note_explains_fails_the_command(with_a_line_never_run):
    result = with_a_line_never_run
    assert result.returncode == 1, result.stdout + result.stderr
    unexplained_part = result.stdout.split('does not explain:')[1]
    assert 'ch01  app/routes.py:' in unexplained_part
    assert 'return "no test asks for this"' in unexplained_part


def test_the_table_shows_the_line_missed(with_a_line_never_run):
    statements, missed = table_rows(with_a_line_never_run.stdout)['ch01'][:2]
    assert missed == '1'
    assert statements == '10'


def test_lines_a_copy_of_the_project_runs_count_for_the_snapshot(tmp_path):
    """From chapter 15 on, the tests copy the project and run its own tests there with
    `flask test --coverage`, which writes .coverage in the copy: combine() reads it, and
    counts the copy's lines as the snapshot's."""
    app = tmp_path / 'chapters' / 'ch15' / 'app'
    app.mkdir(parents=True)
    (app / '__init__.py').write_text('')
    (app / 'hello.py').write_text('def hello(name):\n    return f"Hi, {name}"\n\n\n'
                                  'hello("Miguel")\n')
    folder = tmp_path / 'coverage' / 'ch15'
    copy = folder / 'tmp' / 'project0' / 'microblog'
    shutil.copytree(app, copy / 'app')
    subprocess.run([sys.executable, '-m', 'coverage', 'run', '--branch', '--source=app',
                    '-m', 'app.hello'], cwd=copy, check=True)
    report = combine(app, folder)
    assert {Path(path).resolve() for path in report['files']} == {
        app / '__init__.py', app / 'hello.py'}
    assert report['totals']['num_statements'] == 3
    assert report['totals']['missing_lines'] == 0


def uncovered(file, text, chapter='ch01'):
    return Measurement(chapter, 0, 1.0, Path('pytest.txt'),
                       uncovered=[Uncovered(file, 12, text)])


@pytest.fixture
def note(tmp_path):
    readme = tmp_path / 'README.md'
    readme.write_text(NOTE)
    return read_note(readme)


def test_the_note_is_the_list_under_its_title(note):
    assert [(entry.file, entry.first, entry.last) for entry in note] == [
        ('app/routes.py', 'ch01', 'ch02'), ('app/forms.py', 'ch04', 'ch04')]


def test_an_entry_explains_its_line_in_its_chapters(note):
    assert unexplained([uncovered('app/routes.py', 'return "no test asks for this"',
                                  chapter='ch02')], note) == []


def test_an_entry_explains_nothing_outside_its_chapters(note):
    line = uncovered('app/routes.py', 'return "no test asks for this"', chapter='ch03')
    assert unexplained([line], note) == [('ch03', line.uncovered[0])]


def test_an_entry_explains_only_the_same_line_of_the_same_file(note):
    assert len(unexplained([uncovered('app/routes.py', 'return "something else"'),
                            uncovered('app/models.py', 'return "no test asks for this"')],
                           note)) == 2


def test_an_entry_whose_line_the_tests_run_now_is_stale(note):
    measured = [uncovered('app/routes.py', 'return "no test asks for this"'),
                Measurement('ch04', 0, 1.0, Path('pytest.txt'))]
    assert [entry.file for entry in stale(measured, note)] == ['app/forms.py']
