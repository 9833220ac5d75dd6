"""Run a chapter's app, or verify every chapter. Needs only Python 3.11+ and pip.

    python3 course.py serve          the newest chapter on http://localhost:5000
    python3 course.py serve ch05     any chapter by name
    python3 course.py verify         every chapter's tests, red-first at every start,
                                     and the harness's own tests
    python3 course.py watch ch05     a chapter's tests, again each time you save a file
    python3 course.py check PATH     a learner's chapter folders, each with its suite
    python3 course.py coverage       how much of each snapshot's app its suite runs

Each first makes .venv (once) and installs requirements.txt into it.
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import venv
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / '.venv'
REQUIREMENTS = ROOT / 'requirements.txt'
# The exact version of every package that the last passing verify ran with: .venv is
# filled with those, so that the course works years from now as it did that day.
CONSTRAINTS = ROOT / 'constraints.txt'
# `verify --newest` tries the newest releases instead, in a virtual environment of its own.
NEWEST_VENV = ROOT / '.venv-newest'
CHAPTERS = sorted(path.name for path in (ROOT / 'chapters').glob('ch[0-9][0-9]'))
# From this chapter on the app runs on PostgreSQL too: verify runs its suite there as well.
ON_POSTGRESQL_FROM = 'ch17'


def venv_python():
    return VENV / ('Scripts/python.exe' if os.name == 'nt' else 'bin/python')


def use_newest_releases():
    """From now on, work in .venv-newest, filled from requirements.txt alone."""
    global VENV
    VENV = NEWEST_VENV


def times_file():
    return VENV / 'verify-times.json'   # how long each run of the last verify took


def ensure_environment():
    """Make the virtual environment and install the requirements (with the constraints,
    except in .venv-newest), unless that is already done."""
    newest = VENV == NEWEST_VENV
    wanted = REQUIREMENTS.read_text() + ('' if newest else CONSTRAINTS.read_text())
    installed = VENV / 'installed-requirements.txt'
    if not venv_python().exists():
        print(f'Making {VENV.name} ...', flush=True)
        try:
            venv.create(VENV, with_pip=True)
        except subprocess.CalledProcessError:
            # Debian and Ubuntu ship venv without ensurepip (package python3-venv):
            # make it without pip, and let this Python's pip install into it.
            venv.create(VENV, with_pip=False, clear=True)
    if installed.exists() and installed.read_text() == wanted:
        return
    has_pip = subprocess.run([venv_python(), '-m', 'pip', '--version'],
                             capture_output=True).returncode == 0
    pip = [venv_python(), '-m', 'pip'] if has_pip else \
        [sys.executable, '-m', 'pip', '--python', str(venv_python())]
    install = [*pip, 'install', '--quiet', '--disable-pip-version-check', '-r', REQUIREMENTS]
    if newest:
        print(f'Installing the newest releases of requirements.txt into {VENV.name} ...',
              flush=True)
        install.append('--upgrade')
    else:
        print('Installing requirements.txt, at the versions in constraints.txt, into .venv ...',
              flush=True)
        install += ['-c', CONSTRAINTS]
    subprocess.run(install, check=True)
    installed.write_text(wanted)


def package_name(text):
    """The package a name, a requirement or a pin names, as pip compares names:
    'Flask==3.1.3' -> 'flask', 'email_validator>=2' -> 'email-validator'."""
    name = re.split(r'[\[<>=!~;# ]', text.strip(), maxsplit=1)[0]
    return re.sub(r'[-_.]+', '-', name).lower()


def lock():
    """Write the versions installed in the virtual environment into constraints.txt.
    A pin with a marker holds for some Pythons only (a release that needs a newer 3.11,
    say): it stays as written, whatever this Python has installed."""
    frozen = subprocess.run([venv_python(), '-m', 'pip', 'freeze',
                             '--disable-pip-version-check'],
                            capture_output=True, text=True, check=True).stdout
    for_some_pythons = [line for line in CONSTRAINTS.read_text().splitlines()
                        if ';' in line and not line.startswith('#')]
    kept = {package_name(line) for line in for_some_pythons}
    versions = sorted([*(line for line in frozen.splitlines()
                         if '==' in line and package_name(line) not in kept),
                       *for_some_pythons], key=str.lower)
    python = '.'.join(map(str, sys.version_info[:2]))
    CONSTRAINTS.write_text(
        '# The exact versions `python3 course.py verify` last passed with, on Python '
        f'{python}\n# ({time.strftime("%Y-%m-%d")}). course.py installs these; to try '
        'the newest releases and,\n# if every check passes with them, record them here:\n'
        '#     python3 course.py verify --newest --lock\n'
        '# A pin with a marker (`; python_full_version ...`) holds for some Pythons only; '
        '--lock\n# leaves those lines as they are.\n' + '\n'.join(versions) + '\n')
    print(f'constraints.txt: {len(versions)} versions recorded.')


def serve(chapter, port):
    folder = ROOT / 'chapters' / chapter
    flask = [venv_python(), '-m', 'flask']
    environment = dict(os.environ)
    mail_server = None
    if (folder / 'app' / 'email.py').is_file() and 'MAIL_SERVER' not in environment:
        # From chapter 8 the app sends e-mail (the link that confirms an account, say):
        # a mail server that prints each message here, unless you named one yourself.
        mail_server = subprocess.Popen([venv_python(), '-m', 'aiosmtpd', '-n', '-c',
                                        'aiosmtpd.handlers.Debugging', '-l', 'localhost:8025'])
        environment.update(MAIL_SERVER='localhost', MAIL_PORT='8025')
        print('E-mail the app sends is printed here (aiosmtpd on localhost:8025).', flush=True)
    if (folder / 'migrations').is_dir():
        # Creates app.db on the first run, and brings it up to date after that.
        subprocess.run([*flask, 'db', 'upgrade'], cwd=folder, env=environment, check=True)
    print(f'Serving {chapter} on http://localhost:{port} (Ctrl+C to stop)', flush=True)
    try:
        return subprocess.run([*flask, 'run', '--port', str(port)], cwd=folder,
                              env=environment).returncode
    except KeyboardInterrupt:
        return 0
    finally:
        if mail_server is not None:
            mail_server.terminate()


def pytest_environment():
    # Compiled modules (and pytest's rewritten test modules) are kept in .venv, not
    # beside the sources, where they would show in `git diff --no-index` between
    # chapters: a run after the first then imports them without compiling again.
    environment = {**os.environ, 'PYTHONPYCACHEPREFIX': str(VENV / 'pycache')}
    environment.pop('PYTHONDONTWRITEBYTECODE', None)
    if VENV == NEWEST_VENV:
        # Not the versions in constraints.txt, on purpose: the harness's check that the
        # environment holds them stands aside.
        environment['COURSE_NEWEST_RELEASES'] = '1'
    return environment


# What every pytest run imports before its first test, whatever the chapter (with
# Flask, SQLAlchemy and the extensions, which the fork server always imports), and what
# the `flask` commands the tests start import: Faker (every app from chapter 11 on) and
# psycopg (chapter 17 on PostgreSQL). pytest.ini lets pytest find Faker imported already.
PYTEST_WARM_UP = ('pytest', 'bs4', 'requests', 'aiosmtpd.controller',
                  # Selenium's package imports its parts only when first asked for them.
                  'selenium.webdriver.chrome.webdriver', 'selenium.webdriver.support.ui',
                  'flask_mail', 'flask_httpauth', 'markdown', 'nh3', 'faker', 'psycopg')


@contextmanager
def pytest_processes():
    """(fork server, environment) for pytest runs. The fork server has imported pytest and
    the libraries; the environment tells each run where to ask it for a fork server of
    its own (for the `flask` commands and servers its tests start), a fork of it with
    everything imported already. No fork server where the system cannot fork (Windows)."""
    environment = pytest_environment()
    if not hasattr(os, 'fork'):
        yield None, environment
        return
    sys.path.insert(0, str(ROOT))
    from shared.forkserver import SOCKET_VARIABLE, ForkServer
    with tempfile.TemporaryDirectory(prefix='course-') as folder:
        socket_path = Path(folder) / 'fork-server'
        server = ForkServer(str(venv_python()), PYTEST_WARM_UP, environment, listen=socket_path)
        try:
            yield server, {**environment, SOCKET_VARIABLE: str(socket_path)}
        finally:
            server.stop()


def pytest_run(name, arguments, fork_server=None, environment=None):
    """One pytest process: a chapter's suite, a red-first check, or the harness's own tests.
    With a fork server, the process is a fork of one that has imported the libraries
    already, as a new one would (each pytest run imports them again: about a second)."""
    command = ['-m', 'pytest', '-q', *arguments]
    environment = environment or pytest_environment()
    began = time.monotonic()
    if fork_server is None:
        result = subprocess.run([str(venv_python()), *command], cwd=ROOT,
                                env=environment, capture_output=True, text=True)
    else:
        result = fork_server.run(command, ROOT, environment, timeout=None)
    return name, result, time.monotonic() - began


def counts(pytest_output):
    """{'passed': 3, 'xfailed': 2, ...} from pytest's closing line."""
    closing = pytest_output.strip().splitlines()[-1] if pytest_output.strip() else ''
    return {word: int(number) for number, word in re.findall(r'(\d+) (\w+)', closing)}


def table(headers, rows):
    """Rows as text columns under their headers, numbers aligned right."""
    rows = [[str(cell) for cell in row] for row in rows]
    widths = [max(len(str(header)), *(len(row[i]) for row in rows)) if rows else len(header)
              for i, header in enumerate(headers)]

    def line(cells, numeric):
        return '  '.join(cell.rjust(width) if right else cell.ljust(width)
                         for cell, width, right in zip(cells, widths, numeric)).rstrip()

    numeric = [all(re.fullmatch(r'[\d.]*', row[i]) for row in rows) for i in range(len(headers))]
    return '\n'.join([line(headers, numeric), line(['-' * width for width in widths], numeric),
                      *(line(row, numeric) for row in rows)])


def verify_runs():
    """Every pytest run of a verify, as (name, arguments)."""
    runs = []
    for chapter in reversed(CHAPTERS):
        runs.append((chapter, ['--chapter', chapter]))
        if chapter >= ON_POSTGRESQL_FROM:
            runs.append((f'{chapter}-postgresql', ['--chapter', chapter, '--database=postgresql']))
    runs += [(f'{chapter}-start', ['--chapter', chapter, '--start'])
             for chapter in reversed(CHAPTERS[1:])]
    runs.append(('harness', ['shared/tests']))
    return runs


def summary_table(results):
    """One row per chapter (its suite, and its start check), then the other runs."""
    rows = []
    for chapter in CHAPTERS:
        suite, start = results.get(chapter), results.get(f'{chapter}-start')
        rows.append([chapter, suite['ran'] if suite else '', start['red'] if start else '',
                     suite['seconds'] if suite else '', start['seconds'] if start else ''])
    for name, result in results.items():
        if name not in CHAPTERS and not name.endswith('-start'):
            rows.append([name, result['ran'], '', result['seconds'], ''])
    return table(['run', 'tests run', 'red at start', 'seconds', 'start seconds'], rows)


def verify(jobs):
    runs = verify_runs()
    # The longest runs first, as long as they took last time: then the processes
    # finish together instead of one of them ending the verify alone. With no times
    # yet, the newest chapters first: they carry the most tests.
    last_times = json.loads(times_file().read_text()) if times_file().exists() else {}
    runs.sort(key=lambda run: -last_times.get(run[0], 0))
    results = {}
    began = time.monotonic()
    failed_runs, passed, failed, skipped = [], 0, 0, 0
    with pytest_processes() as (fork_server, environment), \
            ThreadPoolExecutor(max_workers=jobs) as pool:
        for name, result, seconds in pool.map(
                lambda run: pytest_run(*run, fork_server, environment), runs):
            found = counts(result.stdout)
            red = found.get('xfailed', 0)
            ran = red + found.get('passed', 0)
            if name.endswith('-start'):
                summary = f'{red} red as required'
            else:
                summary = f"{found.get('passed', 0)} passed"
            passed += ran
            failed += found.get('failed', 0) + found.get('error', 0) + found.get('errors', 0)
            skipped += found.get('skipped', 0)
            results[name] = {'ran': ran, 'red': red, 'seconds': round(seconds, 1)}
            status = 'ok' if result.returncode == 0 else 'FAILED'
            print(f'{name:<15} {status:<7} {summary}, {seconds:5.1f}s', flush=True)
            if result.returncode != 0:
                failed_runs.append(name)
                print(result.stdout, result.stderr, sep='\n', flush=True)
    times_file().write_text(json.dumps({name: result['seconds'] for name, result in results.items()}))
    print('\n' + summary_table(results))
    print(f'\nAll runs took {time.monotonic() - began:.0f}s.'
          + (f" Failed: {', '.join(failed_runs)}." if failed_runs else ''))
    left_behind = fork_server.left_behind if fork_server else []
    if left_behind:
        print(left_behind_report(left_behind))
    line = f'verify: {passed} passed, {failed} failed'
    print(line + (f', {skipped} skipped' if skipped else '')
          + (f', {len(left_behind)} process{"es" if len(left_behind) > 1 else ""} left behind'
             if left_behind else ''))
    return 1 if failed_runs or left_behind else 0


def left_behind_report(left_behind):
    """What the runs left running after they had ended, which the fork server ended."""
    lines = [f'  {pid} {command[:150]}' for pid, command in left_behind]
    return '\n'.join(['\nStill running after every run had ended, so ended now (a test or '
                      'a fixture did not stop what it started):', *lines])


# The commands that run inside .venv, with the libraries installed there: course.py
# hands them the rest of its command line.
IN_VENV = {'watch': ('shared.watch', "a chapter's tests, again each time a file is saved"),
           'check': ('shared.check', "a learner's chapter folders, each with its suite"),
           'coverage': ('shared.coverage_table', "each snapshot's coverage by its suite")}


def run_in_venv(module, arguments):
    """Run module with .venv's Python, in the folder this command was given in (so that a
    relative PATH means what it says), with this repository on its import path only."""
    start = f'import runpy, sys; sys.path.insert(0, {str(ROOT)!r}); ' \
            f'runpy.run_module({module!r}, run_name="__main__", alter_sys=True)'
    command = subprocess.Popen([str(venv_python()), '-c', start, *arguments],
                               env=pytest_environment())
    # Ctrl+C reaches the command too, which ends as it sees fit: its exit status is ours.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    return command.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest='command', required=True)
    serve_command = commands.add_parser('serve', help="run a chapter's app")
    serve_command.add_argument('chapter', nargs='?', default=CHAPTERS[-1], choices=CHAPTERS)
    serve_command.add_argument('--port', type=int, default=5000)
    verify_command = commands.add_parser('verify', help='run every check of every chapter')
    # A run waits now and then, for a browser, a server or a command it started: one
    # process more than there are cores keeps every core busy. On two cores, two at once
    # left a tenth of the cores' time idle, and three at once almost none.
    verify_command.add_argument('--jobs', type=int, default=min((os.cpu_count() or 1) + 1, 4),
                                help='pytest processes at once (default: one more than the '
                                     'cores, at most 4)')
    verify_command.add_argument('--newest', action='store_true',
                                help='with the newest releases of the requirements, in '
                                     '.venv-newest, instead of the versions in constraints.txt')
    verify_command.add_argument('--lock', action='store_true',
                                help='if every check passes, record the versions it ran with '
                                     'in constraints.txt')
    for name, (module, summary) in IN_VENV.items():
        commands.add_parser(name, help=summary, add_help=False)
    arguments, rest = parser.parse_known_args()

    if sys.version_info < (3, 11):
        sys.exit('This course needs Python 3.11 or newer.')
    if arguments.command not in IN_VENV and rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    if arguments.command == 'verify' and arguments.newest:
        use_newest_releases()
    ensure_environment()
    if arguments.command in IN_VENV:
        return run_in_venv(IN_VENV[arguments.command][0], rest)
    if arguments.command == 'serve':
        return serve(arguments.chapter, arguments.port)
    outcome = verify(arguments.jobs)
    if outcome == 0 and arguments.lock:
        lock()
    return outcome


if __name__ == '__main__':
    sys.exit(main())
