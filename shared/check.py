"""Check a learner's chapters: each folder chNN in PATH against chapter NN's suite.

    python3 course.py check PATH [--jobs N]

PATH holds chapter folders (ch05/, ch06/, ... any of them), each a copy of the app as the
learner left it at the end of that chapter. Each is tested as
`python -m pytest --chapter chNN --snapshot=PATH/chNN` would test it, several at once,
and one table says how each did. The exit status is 1 if any chapter failed.
"""
import argparse
import os
import re
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import course
from shared.report import REPORT_OPTIONS, read_report, reason_lines



def chapter_folders(path):
    """The folders of path named like a chapter, in chapter order."""
    return sorted(folder for folder in path.iterdir()
                  if folder.is_dir() and re.fullmatch(r'ch\d\d', folder.name))


def problem_with(folder):
    """Why folder cannot be checked, or None."""
    if folder.name not in course.CHAPTERS:
        return f'the course has no chapter {folder.name}'
    if not (folder / 'app' / '__init__.py').is_file():
        return 'not a Flask app: there is no app/__init__.py in it'
    return None


def check(folder, fork_server, environment):
    """(passed, failed, the first failing test and why) for one chapter folder."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / 'report.xml'
        arguments = ['--chapter', folder.name, f'--snapshot={folder}', '-p', 'no:cacheprovider',
                     f'--junitxml={report}', *REPORT_OPTIONS]
        name, outcome, seconds = course.pytest_run(folder.name, arguments, fork_server,
                                                   environment)
        result = read_report(report) if report.exists() else None
    if result is not None and (result.red or outcome.returncode == 0):
        failure = ''
        if result.first_red:
            failure = f'{result.first_red}: {reason_lines(result.reason)[0][:100]}'
        return result.green, result.red, failure
    # No test failed, and yet pytest did: a usage error, or tests that could not load.
    lines = (outcome.stdout + outcome.stderr).strip().splitlines()
    return 0, 1, lines[-1] if lines else f'pytest ended with status {outcome.returncode}'


def main(argv=None):
    parser = argparse.ArgumentParser(prog='course.py check', description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('path', type=Path, help='the folder holding the chapter folders')
    parser.add_argument('--jobs', type=int, default=os.cpu_count() or 1,
                        help='chapters checked at once (default: the number of cores)')
    arguments = parser.parse_args(argv)
    path = arguments.path.resolve()
    if not path.is_dir():
        parser.exit(2, f'course.py check: {arguments.path} is not a folder\n')
    folders = chapter_folders(path)
    if not folders:
        parser.exit(2, f'course.py check: {arguments.path} holds no chapter folders '
                       '(ch01, ch02, ...)\n')

    checkable = [folder for folder in folders if problem_with(folder) is None]
    print(f'Checking {len(checkable)} chapter folder(s) in {path} ...', flush=True)
    with course.pytest_processes() as (fork_server, environment), \
            ThreadPoolExecutor(max_workers=arguments.jobs) as pool:
        results = dict(zip(checkable, pool.map(
            lambda folder: check(folder, fork_server, environment), checkable)))

    rows, all_passed = [], True
    for folder in folders:
        problem = problem_with(folder)
        if problem:
            rows.append([folder.name, '', '', problem])
            all_passed = False
            continue
        passed, failed, failure = results[folder]
        rows.append([folder.name, passed, failed, failure])
        all_passed = all_passed and failed == 0
    print(course.table(['chapter', 'passed', 'failed', 'first failing test'], rows))
    print('\nEvery chapter passes.' if all_passed else '\nSome chapters fail.')
    return 0 if all_passed else 1


if __name__ == '__main__':
    sys.exit(main())
