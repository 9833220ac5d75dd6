"""The fork server: commands run as forks of a process that has imported the libraries;
verify's fork server gives each pytest process a fork server of its own, and ends (and
names) whatever they leave behind."""
import os
import subprocess
import sys
import time

import pytest

import course
from shared import forkserver
from shared.forkserver import SOCKET_VARIABLE, ForkServer, status_of

# A command that says which process started it, and whether Flask was imported before it.
WHO_STARTED_ME = 'import os, sys; print(os.getppid(), "flask" in sys.modules)'
# What the servers here import besides WARM_UP (Flask and the rest): nothing much, instead
# of OPTIONAL's extensions, which these tests do not need.
FEW_MODULES = ('json',)


def parent_of(pid):
    return status_of(pid)[1]


@pytest.fixture
def listening_server(tmp_path):
    """A fork server that serves fork servers on a socket, as verify's does."""
    path = tmp_path / 'fork-server'
    server = ForkServer(modules=FEW_MODULES, listen=path)
    yield server, path
    server.stop()


def test_a_command_runs_in_a_fork_of_a_warm_process(tmp_path):
    server = ForkServer(modules=FEW_MODULES)
    try:
        done = server.run(['-c', WHO_STARTED_ME], tmp_path, dict(os.environ))
    finally:
        server.stop()

    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(server.process.pid), 'True']


@pytest.fixture(scope='module')
def fork_server():
    server = ForkServer(modules=FEW_MODULES)
    yield server
    server.stop()


# Ways a command ends. A fork ends each as a new Python process would: the same output,
# in the same order, and the same exit status.
ENDINGS = {
    'at its end': 'print("done")',
    'by sys.exit(3)': 'import sys; print("leaving"); sys.exit(3)',
    "by sys.exit('a message')": 'import sys; sys.exit("a message for stderr")',
    'by an exception': 'raise ValueError("nothing caught it")',
    'by Ctrl+C': 'raise KeyboardInterrupt',
    'with a thread still at work': 'import threading; '
                                   'threading.Timer(0.05, print, ["the thread ends"]).start()',
    'with a thread pool left open': 'from concurrent.futures import ThreadPoolExecutor; '
                                    'ThreadPoolExecutor().submit(print, "pooled")',
    'with exit handlers': 'import atexit; atexit.register(print, "first registered, last")\n'
                          'atexit.register(print, "last registered, first")',
    'with output not yet flushed': 'import sys; sys.stdout.write("no newline"); '
                                   'sys.stderr.write("nor here")',
    'with a file its code never closed': 'kept = open("file", "w"); kept.write("at exit")',
}


@pytest.mark.parametrize('code', ENDINGS.values(), ids=ENDINGS.keys())
def test_a_command_ends_as_a_new_python_process_would(fork_server, tmp_path, code):
    new, forked = tmp_path / 'new', tmp_path / 'forked'
    new.mkdir()
    forked.mkdir()

    started_afresh = subprocess.run([sys.executable, '-c', code], cwd=new, capture_output=True,
                                    text=True, timeout=30)
    done = fork_server.run(['-c', code], forked, dict(os.environ))

    assert done.returncode == started_afresh.returncode
    assert done.stdout == started_afresh.stdout
    assert done.stderr.splitlines()[-1:] == started_afresh.stderr.splitlines()[-1:]
    assert [path.read_text() for path in forked.iterdir()] == \
        [path.read_text() for path in new.iterdir()]


def test_under_a_listening_server_a_process_gets_a_fork_of_it(listening_server, tmp_path,
                                                              monkeypatch):
    top, path = listening_server
    monkeypatch.setenv(SOCKET_VARIABLE, str(path))
    server = ForkServer.nearest()
    try:
        done = server.run(['-c', WHO_STARTED_ME], tmp_path, dict(os.environ))
        nested_server, warm = done.stdout.split()
        started_by = parent_of(int(nested_server))
    finally:
        server.stop()

    assert done.returncode == 0, done.stderr
    assert started_by == top.process.pid
    assert warm == 'True'


def test_without_a_listening_server_a_process_starts_its_own(monkeypatch, tmp_path):
    monkeypatch.delenv(SOCKET_VARIABLE, raising=False)
    server = ForkServer.nearest()
    try:
        done = server.run(['-c', WHO_STARTED_ME], tmp_path, dict(os.environ))
        started_by = parent_of(server.process.pid)
    finally:
        server.stop()

    assert done.stdout.split()[0] == str(server.process.pid)
    assert started_by == os.getpid()


def test_when_a_process_is_done_with_its_fork_server_its_commands_end(listening_server,
                                                                      tmp_path, monkeypatch):
    _, path = listening_server
    monkeypatch.setenv(SOCKET_VARIABLE, str(path))
    server = ForkServer.nearest()
    waiting = server.popen(['-c', 'import time; time.sleep(60)'], tmp_path, dict(os.environ),
                           tmp_path / 'output')

    server.stop()

    for _ in range(100):                  # the signal takes a moment to arrive
        status = status_of(waiting.pid)
        if status is None or status[0] == 'Z':      # gone, or ended and not yet reaped
            break
        time.sleep(0.05)
    else:
        pytest.fail(f'process {waiting.pid} still runs after its fork server ended')


def test_the_listening_server_removes_its_socket_when_it_ends(tmp_path):
    path = tmp_path / 'fork-server'
    server = ForkServer(modules=FEW_MODULES, listen=path)
    server.run(['-c', 'pass'], tmp_path, dict(os.environ))
    assert path.exists()

    server.stop()

    assert not path.exists()


# A command that starts a process and ends without waiting for it, leaving it behind.
LEAVE_ONE_BEHIND = "import subprocess; print(subprocess.Popen(['sleep', '300']).pid)"
ADOPTS_ON_LINUX = pytest.mark.skipif(not sys.platform.startswith('linux'),
                                     reason='only Linux lets a process adopt orphans')


@ADOPTS_ON_LINUX
def test_what_a_run_leaves_behind_is_named_and_ended_when_the_listening_server_stops(
        tmp_path, monkeypatch):
    path = tmp_path / 'fork-server'
    top = ForkServer(modules=FEW_MODULES, listen=path, grace=0.2)
    monkeypatch.setenv(SOCKET_VARIABLE, str(path))
    own = ForkServer.nearest()            # a pytest process's own, as under verify
    done = own.run(['-c', LEAVE_ONE_BEHIND], tmp_path, dict(os.environ))
    sleeper = int(done.stdout)
    adopted_by = parent_of(sleeper)
    own.stop()

    top.stop()

    assert adopted_by == top.process.pid
    assert top.left_behind == [[sleeper, 'sleep 300']]
    assert status_of(sleeper) is None


@ADOPTS_ON_LINUX
def test_a_process_that_ends_within_the_grace_is_not_left_behind(tmp_path, monkeypatch):
    path = tmp_path / 'fork-server'
    top = ForkServer(modules=FEW_MODULES, listen=path, grace=3)
    monkeypatch.setenv(SOCKET_VARIABLE, str(path))
    own = ForkServer.nearest()
    done = own.run(['-c', "import subprocess; print(subprocess.Popen(['sleep', '0.5']).pid)"],
                   tmp_path, dict(os.environ))
    own.stop()

    top.stop()

    assert done.returncode == 0, done.stderr
    assert top.left_behind == []
    assert status_of(int(done.stdout)) is None


# A test that starts a process and never stops it.
LEAVES_A_PROCESS = """
import subprocess

def test_starts_a_process_and_leaves_it():
    subprocess.Popen(['sleep', '300'])
"""


@ADOPTS_ON_LINUX
def test_verify_fails_naming_and_ending_what_a_run_left_behind(tmp_path, monkeypatch, capsys):
    leaky = tmp_path / 'test_leaky.py'
    leaky.write_text(LEAVES_A_PROCESS)
    monkeypatch.setattr(course, 'verify_runs', lambda: [('leaky', [str(leaky)])])
    monkeypatch.setattr(course, 'times_file', lambda: tmp_path / 'verify-times.json')
    monkeypatch.setattr(forkserver, 'GRACE', 0.2)

    status = course.verify(jobs=1)

    output = capsys.readouterr().out.splitlines()
    left = [line.split() for line in output if line.endswith(' sleep 300')]
    assert status == 1
    assert output[-1] == 'verify: 1 passed, 0 failed, 1 process left behind'
    assert len(left) == 1 and status_of(int(left[0][0])) is None


# Run in a process that verify started: asks for a fork server of its own, and says which
# process that one was forked from.
ASK_FOR_A_FORK_SERVER = '''
import os
from shared.forkserver import ForkServer
server = ForkServer.nearest()
done = server.run(['-c', 'import os; print(os.getppid())'], '.', dict(os.environ))
nested_server = int(done.stdout)
print(open(f'/proc/{nested_server}/stat').read().rsplit(')', 1)[1].split()[1])
server.stop()
'''


def test_verifys_pytest_processes_get_their_fork_servers_from_verifys(tmp_path):
    with course.pytest_processes() as (server, environment):
        done = server.run(['-c', ASK_FOR_A_FORK_SERVER], course.ROOT, environment)
        verify_server = server.process.pid

    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == verify_server
