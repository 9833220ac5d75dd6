"""Run a chapter's app, or verify every chapter. Needs only Python 3.11+ and pip.

    python3 course.py serve          the newest chapter on http://localhost:5000
    python3 course.py serve ch05     any chapter by name
    python3 course.py verify         every chapter's tests, red-first at every start,
                                     and the harness's own tests

Both first make .venv (once) and install requirements.txt into it.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time
import venv
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / '.venv'
REQUIREMENTS = ROOT / 'requirements.txt'
INSTALLED = VENV / 'installed-requirements.txt'
TIMES = VENV / 'verify-times.json'   # how long each run of the last verify took
CHAPTERS = sorted(path.name for path in (ROOT / 'chapters').glob('ch[0-9][0-9]'))
# From this chapter on the app runs on PostgreSQL too: verify runs its suite there as well.
ON_POSTGRESQL_FROM = 'ch17'


def venv_python():
    return VENV / ('Scripts/python.exe' if os.name == 'nt' else 'bin/python')


def ensure_environment():
    """Make .venv and install the requirements, unless that is already done."""
    if not venv_python().exists():
        print('Making .venv ...', flush=True)
        try:
            venv.create(VENV, with_pip=True)
        except subprocess.CalledProcessError:
            # Debian and Ubuntu ship venv without ensurepip (package python3-venv):
            # make it without pip, and let this Python's pip install into it.
            venv.create(VENV, with_pip=False, clear=True)
    wanted = REQUIREMENTS.read_text()
    if INSTALLED.exists() and INSTALLED.read_text() == wanted:
        return
    print('Installing requirements.txt into .venv ...', flush=True)
    has_pip = subprocess.run([venv_python(), '-m', 'pip', '--version'],
                             capture_output=True).returncode == 0
    pip = [venv_python(), '-m', 'pip'] if has_pip else \
        [sys.executable, '-m', 'pip', '--python', str(venv_python())]
    subprocess.run([*pip, 'install', '--quiet', '--disable-pip-version-check',
                    '-r', REQUIREMENTS], check=True)
    INSTALLED.write_text(wanted)


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
    return environment


# What every pytest run imports before its first test, whatever the chapter (with
# Flask, SQLAlchemy and the extensions, which the fork server always imports). A package
# that holds a pytest plugin (Faker, pytest-flask) is left out: pytest must import it
# itself, to rewrite its asserts.
PYTEST_WARM_UP = ('pytest', 'bs4', 'requests', 'selenium.webdriver', 'aiosmtpd.controller',
                  'flask_mail', 'flask_httpauth', 'markdown', 'nh3')


def pytest_run(name, arguments, fork_server=None):
    """One pytest process: a chapter's suite, a red-first check, or the harness's own tests.
    With a fork server, the process is a fork of one that has imported the libraries
    already, as a new one would (each pytest run imports them again: about a second)."""
    command = ['-m', 'pytest', '-q', *arguments]
    began = time.monotonic()
    if fork_server is None:
        result = subprocess.run([str(venv_python()), *command], cwd=ROOT,
                                env=pytest_environment(), capture_output=True, text=True)
    else:
        result = fork_server.run(command, ROOT, pytest_environment(), timeout=None)
    return name, result, time.monotonic() - began


def counts(pytest_output):
    """{'passed': 3, 'xfailed': 2, ...} from pytest's closing line."""
    closing = pytest_output.strip().splitlines()[-1] if pytest_output.strip() else ''
    return {word: int(number) for number, word in re.findall(r'(\d+) (\w+)', closing)}


def verify(jobs):
    runs = []
    for chapter in reversed(CHAPTERS):     # newest first: the longest, before any time is known
        runs.append((chapter, ['--chapter', chapter]))
        if chapter >= ON_POSTGRESQL_FROM:
            runs.append((f'{chapter}-postgresql', ['--chapter', chapter, '--database=postgresql']))
    runs += [(f'{chapter}-start', ['--chapter', chapter, '--start'])
             for chapter in reversed(CHAPTERS[1:])]
    runs.append(('harness', ['shared/tests']))
    # The longest runs first, as long as they took last time: then the processes
    # finish together instead of one of them ending the verify alone.
    last_times = json.loads(TIMES.read_text()) if TIMES.exists() else {}
    runs.sort(key=lambda run: -last_times.get(run[0], 0))
    times = {}
    began = time.monotonic()
    failed_runs, passed, failed, skipped = [], 0, 0, 0
    fork_server = None
    if hasattr(os, 'fork'):
        sys.path.insert(0, str(ROOT))
        from shared.forkserver import ForkServer
        fork_server = ForkServer(str(venv_python()), PYTEST_WARM_UP, pytest_environment())
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for name, result, seconds in pool.map(lambda run: pytest_run(*run, fork_server),
                                              runs):
            found = counts(result.stdout)
            if name.endswith('-start'):
                summary = f"{found.get('xfailed', 0)} red as required"
                passed += found.get('xfailed', 0) + found.get('passed', 0)
            else:
                summary = f"{found.get('passed', 0)} passed"
                passed += found.get('passed', 0)
            failed += found.get('failed', 0) + found.get('error', 0) + found.get('errors', 0)
            skipped += found.get('skipped', 0)
            times[name] = round(seconds, 1)
            status = 'ok' if result.returncode == 0 else 'FAILED'
            print(f'{name:<15} {status:<7} {summary}, {seconds:5.1f}s', flush=True)
            if result.returncode != 0:
                failed_runs.append(name)
                print(result.stdout, result.stderr, sep='\n', flush=True)
    if fork_server is not None:
        fork_server.stop()
    TIMES.write_text(json.dumps(times))
    print(f'\nAll runs took {time.monotonic() - began:.0f}s.'
          + (f" Failed: {', '.join(failed_runs)}." if failed_runs else ''))
    line = f'verify: {passed} passed, {failed} failed'
    print(line + (f', {skipped} skipped' if skipped else ''))
    return 1 if failed_runs else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest='command', required=True)
    serve_command = commands.add_parser('serve', help="run a chapter's app")
    serve_command.add_argument('chapter', nargs='?', default=CHAPTERS[-1], choices=CHAPTERS)
    serve_command.add_argument('--port', type=int, default=5000)
    verify_command = commands.add_parser('verify', help='run every check of every chapter')
    verify_command.add_argument('--jobs', type=int, default=min(os.cpu_count() or 1, 4),
                                help='pytest processes at once (default: cores, at most 4)')
    arguments = parser.parse_args()

    if sys.version_info < (3, 11):
        sys.exit('This course needs Python 3.11 or newer.')
    ensure_environment()
    if arguments.command == 'serve':
        return serve(arguments.chapter, arguments.port)
    return verify(arguments.jobs)


if __name__ == '__main__':
    sys.exit(main())
