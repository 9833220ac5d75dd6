"""`python3 course.py watch chNN --snapshot=PATH` runs the chapter's tests again each time a
file of PATH is saved. Each test runs the watcher in a process of its own, as course.py does."""
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from watchdog.events import (DirModifiedEvent, FileClosedNoWriteEvent, FileModifiedEvent,
                             FileMovedEvent, FileOpenedEvent)

from shared.watch import SourceChanges, is_source

ROOT = Path(__file__).resolve().parents[2]


def start_watch(*args):
    # Without PYTHONUNBUFFERED, as in a learner's shell: the watcher must flush each line.
    environment = {name: value for name, value in os.environ.items()
                   if name != 'PYTHONUNBUFFERED'}
    # A process group of its own, as a command typed in a terminal has: Ctrl+C there
    # reaches the whole group, the watcher and the pytest it may be running.
    return subprocess.Popen([sys.executable, '-m', 'shared.watch', *args], cwd=ROOT,
                            env=environment, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)


def press_ctrl_c(process):
    """What Ctrl+C in the terminal does: SIGINT to every process of the command's group."""
    os.killpg(process.pid, signal.SIGINT)


class Output:
    """A process's output, read by a thread: a test waits for a line with a deadline."""

    def __init__(self, pipe):
        self.lines = queue.Queue()
        self.read = []
        threading.Thread(target=self.read_pipe, args=(pipe,), daemon=True).start()

    def read_pipe(self, pipe):
        with pipe:     # closed when the process has ended
            for line in pipe:
                self.lines.put(line)

    def next_line_with(self, text, timeout=15):
        """The first line not read yet that holds text, the lines before it read too."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(deadline - time.monotonic(), 0))
            except queue.Empty:
                raise AssertionError(f'no line with {text!r} in {timeout} s, after:\n'
                                     + ''.join(self.read)) from None
            self.read.append(line)
            if text in line:
                return line


@pytest.fixture
def broken_copy(tmp_path):
    """A copy of chapter 2 whose home page says Hello where its test reads Hi."""
    copy = tmp_path / 'my-ch02'
    shutil.copytree(ROOT / 'chapters' / 'ch02', copy)
    index = copy / 'app' / 'templates' / 'index.html'
    index.write_text(index.read_text().replace('Hi, ', 'Hello, '))
    return copy


def save_as_an_editor_does(path, text):
    """A burst of events: a temporary file written, renamed over the file, touched again."""
    temporary = path.with_name(path.name + '.tmp')
    temporary.write_text(text)
    os.replace(temporary, path)
    path.touch()


def test_a_saved_fix_turns_the_red_run_green_until_ctrl_c_ends_it(broken_copy):
    watcher = start_watch('ch02', f'--snapshot={broken_copy}')
    try:
        output = Output(watcher.stdout)

        # The first run: one test is red, named with the reason it failed.
        assert '4 green, 1 red' in output.next_line_with(' green')
        assert output.next_line_with('first red:').strip().endswith(
            'tests/ch02/test_templates.py::test_home_page_greets_the_user_by_name')
        assert "AssertionError: assert ['Hello, Miguel!'] == ['Hi, Miguel!']" in \
            output.next_line_with('AssertionError')
        output.next_line_with('watching ')

        # The learner saves the fix, and the tests run again by themselves.
        index = broken_copy / 'app' / 'templates' / 'index.html'
        save_as_an_editor_does(index, index.read_text().replace('Hello, ', 'Hi, '))
        assert 'app/templates/index.html changed' in output.next_line_with(' changed')
        assert 'all 5 green' in output.next_line_with(' green')
        output.next_line_with('watching ')

        press_ctrl_c(watcher)
        output.next_line_with('stopped watching')
        assert watcher.wait(timeout=5) == 0
        assert 'Traceback' not in ''.join(output.read)
        # The save was a burst of events, and the tests ran once for all of them.
        assert sum(' changed' in line for line in output.read) == 1
    finally:
        watcher.kill()
        watcher.wait()


@pytest.mark.parametrize('args, message', [
    (['ch02', '--snapshot=shared'], 'holds no Flask app (no app/__init__.py)'),
    (['ch99'], "'ch99' is not a chapter"),
])
def test_a_folder_without_an_app_or_an_unknown_chapter_is_refused_in_one_line(args, message):
    watcher = start_watch(*args)
    output, _ = watcher.communicate(timeout=10)

    assert watcher.returncode == 2
    assert message in output
    assert len(output.strip().splitlines()) == 1
    assert 'Traceback' not in output


@pytest.mark.parametrize('path', ['app/routes.py', 'app/templates/index.html', '.flaskenv',
                                  'migrations/versions/1a2b_users.py'])
def test_a_source_file_counts_as_a_change(path):
    assert is_source(Path(path))


@pytest.mark.parametrize('path', ['app/__pycache__/routes.cpython-312.pyc', 'app.db',
                                  'app.db-journal', 'logs/microblog.log', '.coverage',
                                  'htmlcov/index.html', '.pytest_cache/README.md',
                                  'app/.routes.py.swp', 'app/routes.py~', 'app/.#routes.py'])
def test_what_python_tools_and_editors_write_is_no_change(path):
    assert not is_source(Path(path))


def test_reading_a_file_is_no_change():
    changes = SourceChanges(Path('/my-ch02'))
    changes.on_any_event(FileOpenedEvent('/my-ch02/app/routes.py'))
    changes.on_any_event(FileClosedNoWriteEvent('/my-ch02/app/routes.py'))
    changes.on_any_event(DirModifiedEvent('/my-ch02/app'))

    assert not changes.changed.is_set()


def test_a_file_renamed_into_place_is_the_change_named():
    changes = SourceChanges(Path('/my-ch02'))
    changes.on_any_event(FileModifiedEvent('/my-ch02/app/routes.py.tmp'))
    changes.on_any_event(FileMovedEvent('/my-ch02/app/routes.py.tmp', '/my-ch02/app/routes.py'))

    assert changes.changed.is_set()
    assert changes.last_path == Path('app/routes.py')


def test_a_burst_of_saves_is_waited_out_as_one():
    changes = SourceChanges(Path('/my-ch02'))
    for _ in range(3):
        changes.on_any_event(FileModifiedEvent('/my-ch02/app/routes.py'))

    changes.wait_for_a_save()

    assert not changes.changed.is_set()     # nothing left over to start a second run
