"""Run a chapter's tests, and again each time a file of the snapshot is saved.

    python3 course.py watch ch05                      tests/ch01..ch05 against chapters/ch05
    python3 course.py watch ch05 --snapshot=my-ch05   the same tests against your copy

After each run it says how many tests are green and red, and why the first red one
failed. Each run is a pytest process of its own, as `python -m pytest --chapter ch05
--snapshot=my-ch05` would be: the modules you edited are imported afresh every time.
"""
import argparse
import signal
import subprocess
import sys
import tempfile
import threading
import time
from fnmatch import fnmatch
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from course import CHAPTERS, ROOT, pytest_environment
from shared.report import REPORT_OPTIONS, read_report, reason_lines

# Saves come in bursts (an editor writes a temporary file, renames it, touches it):
# the tests run once the folder has been quiet this long.
QUIET_SECONDS = 0.3

# What is in a snapshot folder but is not its source: what Python, pytest, coverage,
# the app and editors write there.
IGNORED_FOLDERS = {'__pycache__', '.pytest_cache', 'logs', 'htmlcov', '.git'}
IGNORED_FILES = ('*.pyc', '*.db', '*.db-*', '.coverage*',
                 '*.swp', '*.swo', '*.swx', '4913',  # Vim's swap files, and its test write
                 '*~', '.#*', '#*#')                  # backups and Emacs's lock files

def is_source(relative_path):
    """Whether a change to this path (relative to the snapshot) is a change to the app."""
    if IGNORED_FOLDERS & set(relative_path.parts):
        return False
    return not any(fnmatch(relative_path.name, pattern) for pattern in IGNORED_FILES)


class SourceChanges(FileSystemEventHandler):
    """Sets `changed` when a source file of the folder is written, made, moved or removed,
    and keeps the last one's path to say what changed."""

    def __init__(self, folder):
        self.folder = folder
        self.changed = threading.Event()
        self.last_path = None

    def on_any_event(self, event):
        # Opening or reading a file is an event too (pytest reads the app): not a change.
        if event.event_type not in ('created', 'modified', 'moved', 'deleted'):
            return
        if event.is_directory and event.event_type == 'modified':
            return     # a file in it changed, and has an event of its own
        for path in (event.src_path, event.dest_path):
            relative_path = Path(path).relative_to(self.folder) if path else None
            if relative_path is not None and is_source(relative_path):
                self.last_path = relative_path
                self.changed.set()

    def wait_for_a_save(self):
        """Wait for a change, then until the folder has been quiet for QUIET_SECONDS."""
        self.changed.wait()
        while self.changed.wait(QUIET_SECONDS):    # true when another change came meanwhile
            self.changed.clear()


def run_tests(chapter, snapshot, folder):
    """One pytest process over the chapter's tests: (its Result or None, its output)."""
    report, output = folder / 'report.xml', folder / 'output.txt'
    report.unlink(missing_ok=True)
    command = [sys.executable, '-m', 'pytest', '--chapter', chapter, f'--snapshot={snapshot}',
               '-q', '-p', 'no:cacheprovider', f'--junitxml={report}', *REPORT_OPTIONS,
               '--tb=no']                     # the report's message is all that is shown
    with open(output, 'w') as output_file:
        pytest = subprocess.Popen(command, cwd=ROOT, env=pytest_environment(),
                                  stdout=output_file, stderr=subprocess.STDOUT)
        try:
            pytest.wait()
        except KeyboardInterrupt:
            stop(pytest)
            raise
    result = read_report(report) if report.exists() else None
    return result, output.read_text()


def stop(pytest):
    """Ctrl+C in a terminal reaches pytest too: it stops the servers its tests started,
    and ends. Wait a moment for that, then end it here."""
    try:
        pytest.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pytest.kill()
        pytest.wait()


def summary(chapter, name, result, output, seconds):
    """What a learner reads after a run: the counts, and the first red test's reason."""
    took = f'({seconds:.1f} s)'
    if result is None or result.green + result.red == 0:
        last_lines = output.strip().splitlines()[-5:]
        return '\n'.join([f'{chapter} against {name}: no test ran {took}',
                          *(f'  {line}' for line in last_lines)])
    skipped = f', {result.skipped} skipped' if result.skipped else ''
    if result.red == 0:
        return f'{chapter} against {name}: all {result.green} green{skipped} {took}'
    return '\n'.join([
        f'{chapter} against {name}: {result.green} green, {result.red} red{skipped} {took}',
        f'first red: {result.first_red}',
        *(f'  {line[:200]}' for line in reason_lines(result.reason))])


def watch(chapter, snapshot, name):
    changes = SourceChanges(snapshot)
    observer = Observer()
    observer.schedule(changes, str(snapshot), recursive=True)
    observer.start()
    print(f'testing {chapter} against {name} ...')
    try:
        with tempfile.TemporaryDirectory() as folder:
            while True:
                began = time.monotonic()
                result, output = run_tests(chapter, snapshot, Path(folder))
                print(summary(chapter, name, result, output, time.monotonic() - began))
                print(f'watching {name} for changes (Ctrl+C to stop)')
                changes.wait_for_a_save()
                print(f'\n{changes.last_path.as_posix()} changed: testing again ...')
    except KeyboardInterrupt:
        # Stopping takes a moment: a second Ctrl+C must not break it off halfway.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        print(f'\nstopped watching {name}')
        return 0
    finally:
        observer.stop()
        observer.join()


def main():
    parser = argparse.ArgumentParser(prog='python3 course.py watch', description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('chapter', metavar='chNN', help='the chapter whose tests run')
    parser.add_argument('--snapshot', metavar='PATH',
                        help="the app folder to test and watch (default: chapters/chNN)")
    arguments = parser.parse_args()
    if arguments.chapter not in CHAPTERS:
        parser.exit(2, f'watch: {arguments.chapter!r} is not a chapter: '
                       f'name one of {CHAPTERS[0]}..{CHAPTERS[-1]}\n')
    name = arguments.snapshot or f'chapters/{arguments.chapter}'
    snapshot = Path(arguments.snapshot).resolve() if arguments.snapshot else \
        ROOT / 'chapters' / arguments.chapter
    if not (snapshot / 'app' / '__init__.py').is_file():
        parser.exit(2, f'watch: {snapshot} holds no Flask app (no app/__init__.py)\n')
    # Each line as soon as it is printed, even into a pipe.
    sys.stdout.reconfigure(line_buffering=True)
    # Ctrl+C stops watching, as the watcher says, even where it was started with Ctrl+C
    # ignored: a script's background job (`&`, nohup) ignores it, and so does every
    # process it starts, unless told otherwise.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    return watch(arguments.chapter, snapshot, name)


if __name__ == '__main__':
    sys.exit(main())
