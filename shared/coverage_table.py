"""How much of each snapshot's app its suite runs, as a table: `python3 course.py coverage`.

    python3 course.py coverage                  every chapter, as many at once as cores
    python3 course.py coverage ch07 ch08        those chapters only
    python3 course.py coverage --show-missing   and the lines their suites do not run
    python3 course.py coverage ch05 --snapshot=PATH     a learner's folder instead

For each chapter, `coverage run` runs `pytest --chapter chNN` and measures the snapshot's
app/ folder, with .coveragerc: branches too, and the processes the tests start (servers,
`flask` commands, gunicorn's workers). Its data files go to .venv/coverage/chNN/; they are
combined there, and the totals read from coverage's JSON report.

The command fails when a suite fails, or when a line no test runs is not explained in
README.md's coverage note: the list under "### Coverage", one line or branch a line, as

    - `app/__init__.py` (ch12-ch16): `if db.engine.dialect.name == 'sqlite':` - why

the file within the snapshot, the chapters the entry is for (or one: (ch12)), the line as
it reads there (an entry stands for every line of the file that reads so), and the reason.
An entry whose line the measured chapters all run now fails the command too.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import coverage

from course import CHAPTERS, ROOT

RCFILE = ROOT / '.coveragerc'
README = ROOT / 'README.md'
DATA = ROOT / '.venv' / 'coverage'

NOTE_TITLE = '### Coverage'
# - `app/__init__.py` (ch12-ch16): `if db.engine.dialect.name == 'sqlite':` - the reason
NOTE_ENTRY = re.compile(r'^- `(?P<file>app/[^`]+)` '
                        r'\((?P<first>ch\d\d)(?:-(?P<last>ch\d\d))?\): '
                        r'`(?P<text>.+?)` - (?P<reason>.+)$')
COLUMNS = ('chapter', 'statements', 'missed', 'branches', 'partial', 'coverage')


@dataclass
class Uncovered:
    """A line of the snapshot that no test runs, or one whose branches not all run."""
    file: str            # app/..., within the snapshot
    line: int
    text: str            # the line itself, stripped
    branches_to: list = field(default_factory=list)   # for a partial branch: where it
                                                      # never goes (-1 and less: exits)

    def describe(self):
        if not self.branches_to:
            return f'{self.file}:{self.line}  {self.text}'
        targets = ', '.join('exit' if to < 0 else str(to) for to in self.branches_to)
        return f'{self.file}:{self.line}  {self.text}   (never goes on to {targets})'


@dataclass
class Measurement:
    chapter: str
    returncode: int      # the suite's: 0 when every test passed
    seconds: float
    output: Path         # what pytest printed
    totals: dict = field(default_factory=dict)    # coverage's JSON report's totals
    uncovered: list = field(default_factory=list)


def coverage_command(chapter, app, folder, snapshot=None):
    """coverage run of the chapter's suite, its data files and pytest's folders in folder.

    Two sources: the app's folder, and a package named app wherever it is found. The
    second is for chapter 15 on, whose tests copy the project and run its own tests in
    the copy (combine() puts those lines back on the app's folder)."""
    command = [sys.executable, '-m', 'coverage', 'run', f'--rcfile={RCFILE}',
               f'--data-file={folder / ".coverage"}', f'--source={app},app',
               '-m', 'pytest', '--chapter', chapter, f'--basetemp={folder / "tmp"}',
               '-q', '-p', 'no:cacheprovider']
    if snapshot is not None:
        command.append(f'--snapshot={snapshot}')
    return command


def run_suite(chapter, app, folder, snapshot=None):
    """Run the chapter's suite under coverage; returns its exit status."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    # Chapter 15's `flask test --coverage` measures with a Coverage of its own, which
    # would follow these two if they were set. Without them its data goes to .coverage
    # in the copy of the project, where chapter 15's tests look, and combine() finds it.
    environment = {name: value for name, value in os.environ.items()
                   if name not in ('COVERAGE_FILE', 'COVERAGE_RCFILE')}
    with open(folder / 'pytest.txt', 'w') as output:
        return subprocess.run(coverage_command(chapter, app, folder, snapshot), cwd=ROOT,
                              env=environment, stdout=output,
                              stderr=subprocess.STDOUT).returncode


def combine(app, folder):
    """Combine the chapter's data files into one; return coverage's JSON report of app/.

    Besides the data of every process the suite started, the data that `flask test
    --coverage` wrote in the copies of the project the tests made (chapter 15 on): lines
    of a copy's app/ count for the snapshot's app/."""
    copies = [path.parent for path in (folder / 'tmp').glob('**/app/__init__.py')]
    own_runs = list((folder / 'tmp').glob('**/.coverage'))
    measured = coverage.Coverage(data_file=str(folder / '.coverage'), config_file=str(RCFILE))
    measured.set_option('paths', {'app': [str(app), *map(str, copies)]})
    measured.combine([str(folder), *map(str, own_runs)], strict=True)
    measured.save()
    report = folder / 'coverage.json'
    measured.json_report(outfile=str(report), include=[f'{app}{os.sep}*'])
    return json.loads(report.read_text())


def uncovered_lines(app, report):
    """Each line of app/ that the report says no test ran, or ran one way only."""
    found = []
    for path, measured in sorted(report['files'].items()):
        path = Path(path).resolve()        # the report names it from the current folder
        lines = path.read_text().splitlines()
        name = path.relative_to(app.parent).as_posix()
        missing = set(measured['missing_lines'])
        partial = {}        # lines that run, but not every way they branch
        for start, end in measured['missing_branches']:
            if start not in missing:
                partial.setdefault(start, []).append(end)
        for number in sorted(missing | set(partial)):
            found.append(Uncovered(name, number, lines[number - 1].strip(),
                                   partial.get(number, [])))
    return found


def measure(chapter, data, snapshot=None):
    app = (snapshot or ROOT / 'chapters' / chapter) / 'app'
    folder = data / chapter
    began = time.monotonic()
    returncode = run_suite(chapter, app, folder, snapshot)
    result = Measurement(chapter, returncode, time.monotonic() - began, folder / 'pytest.txt')
    if any(folder.glob('.coverage.*')):
        report = combine(app, folder)
        result.totals = report['totals']
        result.uncovered = uncovered_lines(app, report)
    print(f'{chapter}: {"tests passed" if returncode == 0 else "TESTS FAILED"} '
          f'({result.seconds:.0f}s)', flush=True)
    return result


@dataclass
class NoteEntry:
    """One entry of the coverage note: a file, its first and last chapter, a line."""
    file: str
    first: str
    last: str
    text: str

    def applies_to(self, chapter):
        return self.first <= chapter <= self.last

    def explains(self, chapter, uncovered):
        return (self.applies_to(chapter) and self.file == uncovered.file
                and self.text == uncovered.text)


def read_note(readme):
    """The entries of the coverage note: the list under its title, "### Coverage"."""
    entries = []
    in_note = False
    for line in readme.read_text().splitlines():
        if line.startswith('#'):
            in_note = line.strip() == NOTE_TITLE
        elif in_note and (match := NOTE_ENTRY.match(line)):
            entries.append(NoteEntry(match['file'], match['first'],
                                     match['last'] or match['first'], match['text']))
    return entries


def unexplained(results, note):
    """(chapter, Uncovered) for each line no test runs that no entry of the note explains."""
    return [(result.chapter, line) for result in results for line in result.uncovered
            if not any(entry.explains(result.chapter, line) for entry in note)]


def stale(results, note):
    """The entries of the note that apply to a measured chapter but explain none of the
    lines these chapters leave uncovered: the line runs now, or is gone."""
    return [entry for entry in note
            if any(entry.applies_to(result.chapter) for result in results)
            and not any(entry.explains(result.chapter, line)
                        for result in results for line in result.uncovered)]


def row(chapter, *numbers):
    """A line of the table: the chapter to the left, the numbers to the right, each
    column as wide as its name."""
    cells = [chapter.ljust(len(COLUMNS[0]))]
    cells += [str(number).rjust(len(name)) for number, name in zip(numbers, COLUMNS[1:])]
    return '| ' + ' | '.join(cells) + ' |'


def print_table(results):
    """The table, in Markdown: it reads as it is, and the README's is a copy of it."""
    print(row(*COLUMNS))
    print('|---------|-----------:|-------:|---------:|--------:|---------:|')
    for result in results:
        totals = result.totals
        if not totals:
            print(row(result.chapter, '-', '-', '-', '-', 'no data'))
            continue
        print(row(result.chapter, totals['num_statements'], totals['missing_lines'],
                  totals['num_branches'], totals['num_partial_branches'],
                  totals['percent_covered_display'] + '%'))


def main(argv=None):
    parser = argparse.ArgumentParser(prog='python3 course.py coverage', description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('chapters', nargs='*', metavar='chNN', default=CHAPTERS,
                        help='the chapters to measure (default: all)')
    parser.add_argument('--jobs', type=int, default=os.cpu_count() or 1,
                        help='suites run at once (default: the number of cores)')
    parser.add_argument('--show-missing', action='store_true',
                        help='list the lines no test runs, explained or not')
    parser.add_argument('--snapshot', type=Path, metavar='PATH',
                        help="measure the app in PATH instead of chapters/chNN (one chapter)")
    parser.add_argument('--readme', type=Path, default=README, metavar='PATH',
                        help='the file with the coverage note (default: README.md)')
    parser.add_argument('--data', type=Path, default=DATA, metavar='FOLDER',
                        help='where the data files go, a folder per chapter '
                             '(default: .venv/coverage)')
    arguments = parser.parse_args(argv)
    unknown = [name for name in arguments.chapters if name not in CHAPTERS]
    if unknown:
        parser.error(f"no such chapter: {', '.join(unknown)} (there are "
                     f'{CHAPTERS[0]}..{CHAPTERS[-1]})')
    if arguments.snapshot and len(arguments.chapters) != 1:
        parser.error('--snapshot needs one chapter: the one the folder stands for')
    snapshot = arguments.snapshot.resolve() if arguments.snapshot else None
    note = read_note(arguments.readme)

    began = time.monotonic()
    with ThreadPoolExecutor(max_workers=arguments.jobs) as pool:
        results = list(pool.map(lambda chapter: measure(chapter, arguments.data.resolve(),
                                                        snapshot),
                                sorted(arguments.chapters)))
    print(f'\nAll suites took {time.monotonic() - began:.0f}s.\n')
    print_table(results)

    if arguments.show_missing:
        print()
        for result in results:
            for line in result.uncovered:
                print(f'{result.chapter}  {line.describe()}')

    failed = [result for result in results if result.returncode != 0]
    if failed:
        print(f"\nA suite failed: {', '.join(result.chapter for result in failed)}. "
              f"What pytest printed: {', '.join(str(result.output) for result in failed)}")
    not_explained = unexplained(results, note)
    if not_explained:
        print(f'\nLines no test runs that the coverage note of {arguments.readme} does not '
              'explain:')
        for chapter, line in not_explained:
            print(f'  {chapter}  {line.describe()}')
    # A learner's folder is checked against the note, not the note against it.
    outdated = [] if snapshot else stale(results, note)
    if outdated:
        print(f'\nEntries of the coverage note of {arguments.readme} whose line the measured '
              'chapters run (or no longer have):')
        for entry in outdated:
            print(f'  {entry.file} ({entry.first}-{entry.last}): {entry.text}')
    return 1 if failed or not_explained or outdated else 0


if __name__ == '__main__':
    sys.exit(main())
