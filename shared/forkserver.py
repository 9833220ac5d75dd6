"""Production-mode processes, started from a warm process instead of from nothing.

A new `python -m flask run` spends about 0.6 s importing Flask, SQLAlchemy, Alembic and
the rest before the app's own code runs: most of a production-mode test. The fork server
is a process that imports those libraries once per pytest process and then forks itself
for every command. Each child takes the command's folder, environment, arguments and
files for its input and output, and runs `python -m flask ...` or `python -c CODE` as a
new process would: the app itself is imported fresh in every child.

    python -m shared.forkserver [--listen-fd FD GRACE] [MODULE ...]
                  (started by the tests, talks JSON on stdin/stdout)

`python3 course.py verify` starts one too, with pytest among the modules, and runs each
of its pytest processes as a child of it. That one also listens on a Unix socket, whose
path its pytest processes find in COURSE_FORK_SERVER: a pytest process that needs a fork
server of its own asks there, and gets a fork of it, which has imported everything
already, instead of a new process that imports it all again (about a second).

Where a process cannot fork (Windows), or while coverage measures the subprocesses, the
tests start new processes as usual (production.py).

On Linux the listening server also adopts every process that its runs leave behind (a
browser whose parent was killed, a server nobody stopped): when it stops, it names those
still running and ends them, and verify fails.
"""
import atexit
import ctypes
import gc
import json
import os
import queue
import runpy
import selectors
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# What every snapshot imports; the app's own modules are imported by each child. Then
# what a command imports only once it runs: SQLite's driver (when the app opens its
# database), the `flask db` and Flask-SQLAlchemy commands, the logging handlers (chapter 7
# on), what the benchmark command imports (chapter 16 on) and ProxyFix (chapter 17). Left
# to each child, they cost a short command (`flask routes`) about a fifth of its time.
WARM_UP = ('flask', 'flask.cli', 'werkzeug.serving', 'sqlalchemy', 'sqlalchemy.orm',
           'flask_sqlalchemy', 'flask_migrate', 'alembic.command', 'flask_login',
           'flask_wtf', 'wtforms', 'email_validator', 'dotenv',
           'sqlite3', 'sqlalchemy.dialects.sqlite', 'flask_migrate.cli',
           'flask_sqlalchemy.cli', 'flask_sqlalchemy.record_queries', 'logging.handlers',
           'logging.config', 'statistics', 'http.cookiejar', 'encodings.idna',
           'werkzeug.middleware.proxy_fix')
OPTIONAL = ('flask_mail', 'flask_httpauth', 'markdown', 'nh3', 'faker', 'psycopg')
# Where a fork server takes requests for fork servers (set for verify's pytest processes).
SOCKET_VARIABLE = 'COURSE_FORK_SERVER'
# How long a process left behind has, once the server stops, to end by itself: a browser
# whose driver has just quit takes a moment.
GRACE = 5  # seconds
PR_SET_CHILD_SUBREAPER = 36     # prctl(2)


def run_child(request):
    """In the forked child: become the requested command, and end when it ends."""
    os.chdir(request['cwd'])
    os.environ.clear()
    os.environ.update(request['env'])
    # As in a new process: the current folder first, then PYTHONPATH.
    sys.path[0] = request['cwd']
    sys.path[1:1] = [path for path in request['env'].get('PYTHONPATH', '').split(os.pathsep)
                     if path]
    for fd, path, flags in ((0, request['stdin'], os.O_RDONLY),
                            (1, request['stdout'], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)):
        opened = os.open(path, flags)
        os.dup2(opened, fd)
        os.close(opened)
    if request['stderr'] == request['stdout']:
        os.dup2(1, 2)
    else:
        opened = os.open(request['stderr'], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(opened, 2)
        os.close(opened)
    if request['env'].get('PYTHONUNBUFFERED'):
        # As a new process would: what the command prints reaches the file at once.
        for stream in (sys.stdout, sys.stderr):
            stream.reconfigure(line_buffering=True, write_through=True)
    try:
        if request['args'][0] == '-c':
            sys.argv = ['-c', *request['args'][2:]]
            exec(compile(request['args'][1], '<string>', 'exec'), {'__name__': '__main__'})
        else:                                       # ['-m', module, arguments...]
            sys.argv = [request['args'][1], *request['args'][2:]]
            runpy.run_module(request['args'][1], run_name='__main__', alter_sys=True)
    except SystemExit as exit:
        end_as_python_does(exit.code)
    except KeyboardInterrupt:
        sys.excepthook(*sys.exc_info())
        end_as_python_does(INTERRUPTED)
    except BaseException:
        sys.excepthook(*sys.exc_info())    # the traceback, as Python prints it
        end_as_python_does(1)
    end_as_python_does(0)


INTERRUPTED = object()      # the status of a command that an uncaught Ctrl+C ended


def end_as_python_does(status):
    """End the command's process as Python ends a new one, but for its very last step.

    Python waits for the command's threads, runs its exit handlers (logging's closes the
    log files), flushes its output, and exits with the status its SystemExit gave. Then it
    takes apart every module still imported, object by object: in a process that has
    imported Flask, SQLAlchemy and the rest, about 70 ms, most of what a short command
    costs here. So here the process ends before that step. One thing a command could
    tell: a file that an imported module opened, wrote to and never closed loses what was
    still in its buffer. The commands here leave no such file: the app's log files are
    logging's, which its exit handler closes."""
    threading._shutdown()       # what Python calls at its end: joins the command's threads
    atexit._run_exitfuncs()
    if status is INTERRUPTED:
        # An uncaught KeyboardInterrupt: Python ends by the signal, as the shell expects.
        sys.stdout.flush()
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
    if status is not None and not isinstance(status, int):
        print(status, file=sys.stderr)      # sys.exit('message'): printed, and status 1
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(status or 0)


def serve(names=(), listener=None, grace=None):
    """Import WARM_UP and the modules named (by default OPTIONAL), then fork a child for
    every request that comes in on stdin. With listener, a listening Unix socket: fork a
    fork server for every connection made to it, which serves that connection as this one
    serves stdin and stdout, and adopt what its children leave behind (see
    ended_left_behind(), which gives it grace seconds)."""
    for name in WARM_UP:
        __import__(name)
    for name in names or OPTIONAL:
        try:
            __import__(name)
        except ImportError:
            pass
    # Everything imported so far stays for the life of every child: frozen, the garbage
    # collector never looks at it again. A full collection in a child goes over the
    # command's own objects only (over the libraries' too, it took about 0.15 s), and
    # the child shares more of its memory with this process, pages it never writes to.
    gc.freeze()
    children = set()
    wakeup_read, wakeup_write = os.pipe()
    os.set_blocking(wakeup_write, False)
    signal.set_wakeup_fd(wakeup_write)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    selector = selectors.DefaultSelector()
    selector.register(sys.stdin, selectors.EVENT_READ, 'request')
    selector.register(wakeup_read, selectors.EVENT_READ, 'child')
    servers = set()             # the fork servers forked for connections to listener
    if listener is not None:
        selector.register(listener, selectors.EVENT_READ, 'server')

    def become_child():
        selector.close()
        if listener is not None:
            listener.close()
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.close(wakeup_read)
        os.close(wakeup_write)

    def answer(message):
        sys.stdout.write(json.dumps(message) + '\n')
        sys.stdout.flush()

    adopting = listener is not None and adopt_orphans()

    def reap():
        """Wait for every child that has ended: a command (the asking side hears of it),
        a fork server, or a process left behind that this one adopted."""
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:           # no children at all
                return
            if pid == 0:
                return
            if pid in children:
                children.discard(pid)
                answer({'exited': pid, 'status': os.waitstatus_to_exitcode(status)})
            servers.discard(pid)

    while True:
        for key, _ in selector.select():
            if key.data == 'request':
                line = sys.stdin.readline()
                if not line:                    # the tests are done: so are their servers
                    for pid in children:
                        os.kill(pid, signal.SIGKILL)
                    if adopting:
                        answer({'left_behind': ended_left_behind(children, servers, reap,
                                                                 grace)})
                    for pid in servers:
                        os.kill(pid, signal.SIGKILL)
                    return
                request = json.loads(line)
                pid = os.fork()
                if pid == 0:
                    become_child()
                    run_child(request)
                children.add(pid)
                answer({'started': pid})
            elif key.data == 'server':
                connection, _ = listener.accept()
                pid = os.fork()
                if pid == 0:
                    become_child()
                    serve_connection(connection, names)
                connection.close()
                servers.add(pid)
            else:
                os.read(wakeup_read, 512)
                reap()


def adopt_orphans():
    """Become the parent of every process that a descendant of this one leaves behind
    (Linux's child subreaper), instead of the system's first process; True if it worked.
    Only this process: its forks are not subreapers."""
    if not sys.platform.startswith('linux'):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0


def status_of(pid):
    """A process's state letter and its parent's pid, from Linux's /proc; None once it is
    gone."""
    try:
        with open(f'/proc/{pid}/stat') as stat:
            state, parent = stat.read().rsplit(')', 1)[1].split()[:2]
    except (FileNotFoundError, ProcessLookupError):      # gone, or going
        return None
    return state, int(parent)


def adopted(known):
    """The processes this one adopted that still run (but the known ones, which it forked
    itself): [[pid, command line], ...]."""
    found = []
    for entry in os.scandir('/proc'):
        if not entry.name.isdigit() or int(entry.name) in known:
            continue
        status = status_of(entry.name)
        if status is None or status[1] != os.getpid() or status[0] == 'Z':
            continue
        try:
            with open(f'/proc/{entry.name}/cmdline', 'rb') as cmdline:
                command = cmdline.read().replace(b'\0', b' ').decode(errors='replace')
        except OSError:                         # it ended while we looked
            continue
        found.append([int(entry.name), command.strip()])
    return sorted(found)


def ended_left_behind(children, servers, reap, grace):
    """At the end: give this process's children (fork servers, which end once their
    pytest process has, and commands, which were just killed) and the processes it adopted
    grace seconds to end. Then kill what still runs, and return the adopted processes
    that did: the ones left behind."""
    deadline = time.monotonic() + grace
    while (children or servers or adopted(children | servers)) \
            and time.monotonic() < deadline:
        time.sleep(0.05)
        reap()
    for pid in children | servers:      # what they started is left behind too, and named
        os.kill(pid, signal.SIGKILL)
    while children or servers:
        time.sleep(0.01)
        reap()
    left = adopted(set())
    for pid, _ in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 1
    while adopted(set()) and time.monotonic() < deadline:
        time.sleep(0.01)
    reap()                          # gone, and no zombie left
    return left


def serve_connection(connection, names):
    """In a forked child: be a fork server whose stdin and stdout are the connection."""
    for fd in (0, 1):
        os.dup2(connection.fileno(), fd)
    connection.close()
    sys.stdin = open(0, closefd=False)
    sys.stdout = open(1, 'w', closefd=False)
    serve(names)                        # its imports are done already: it only serves
    sys.stdout.flush()
    os._exit(0)


class ForkServer:
    """The asking side (the tests, or course.py): asks the fork server for processes,
    and hears when they end."""

    def __init__(self, python=sys.executable, modules=(), env=None, listen=None,
                 grace=None):
        """python: the interpreter to fork from; modules: what it imports first besides
        WARM_UP (by default, OPTIONAL); env: its environment (a child's sys.flags and
        sys.pycache_prefix come from it, not from the environment each child gets);
        listen: a path for a Unix socket where it serves fork servers (see nearest());
        grace: how long, when it stops, the processes left behind have to end by
        themselves before it names and ends them (left_behind); by default GRACE."""
        self.socket_path = listen
        options, listener = [], None
        if listen:
            # Listening before the server has started: a process may connect at once.
            listener = socket.socket(socket.AF_UNIX)
            listener.bind(str(listen))
            listener.listen()
            options = ['--listen-fd', str(listener.fileno()),
                       str(GRACE if grace is None else grace)]
        self.process = subprocess.Popen([python, '-m', 'shared.forkserver', *options,
                                         *modules],
                                        cwd=ROOT, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, env=env,
                                        pass_fds=[listener.fileno()] if listener else [])
        if listener is not None:
            listener.close()
        self.start_listening()

    @classmethod
    def nearest(cls):
        """A fork server for this process: a fork of the server that started it, where
        there is one listening (COURSE_FORK_SERVER), else a new one."""
        path = os.environ.get(SOCKET_VARIABLE)
        if not path:
            return cls()
        server = cls.__new__(cls)
        connection = socket.socket(socket.AF_UNIX)
        connection.connect(path)
        server.process = ServerOnASocket(connection)
        server.socket_path = None
        server.start_listening()
        return server

    def start_listening(self):
        self.asking = threading.Lock()
        self.started = queue.Queue()
        self.exits = {}
        self.exited = threading.Condition()
        # [[pid, command line], ...] when a listening server has stopped, on Linux: the
        # processes its runs left behind, which it ended.
        self.left_behind = []
        self.listener = threading.Thread(target=self.listen, daemon=True)
        self.listener.start()

    def listen(self):
        for line in self.process.stdout:
            answer = json.loads(line)
            if 'started' in answer:
                self.started.put(answer['started'])
            elif 'left_behind' in answer:
                self.left_behind = answer['left_behind']
            else:
                with self.exited:
                    self.exits[answer['exited']] = answer['status']
                    self.exited.notify_all()

    def popen(self, args, cwd, env, stdout, stderr=None, stdin=os.devnull):
        """Like subprocess.Popen([sys.executable, *args], ...) with output to files."""
        request = {'args': list(args), 'cwd': str(cwd), 'env': dict(env),
                   'stdin': str(stdin), 'stdout': str(stdout), 'stderr': str(stderr or stdout)}
        with self.asking:
            self.process.stdin.write(json.dumps(request) + '\n')
            self.process.stdin.flush()
            return ForkedProcess(self, self.started.get(timeout=60))

    def run(self, args, cwd, env, input=None, timeout=60):
        """Like subprocess.run([sys.executable, *args], capture_output=True, text=True)."""
        with tempfile.TemporaryDirectory() as folder:
            files = {name: Path(folder) / name for name in ('stdin', 'stdout', 'stderr')}
            files['stdin'].write_text(input or '')
            process = self.popen(args, cwd, env, files['stdout'], files['stderr'],
                                 files['stdin'])
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                raise
            return subprocess.CompletedProcess(args, process.returncode,
                                               files['stdout'].read_text(),
                                               files['stderr'].read_text())

    def stop(self):
        self.process.stdin.close()          # the server kills what is left, and ends
        self.process.wait(timeout=10)
        self.listener.join(timeout=10)
        self.process.stdout.close()
        if self.socket_path:
            os.unlink(self.socket_path)


class ServerOnASocket:
    """The part of subprocess.Popen that ForkServer uses, for a fork server at the other
    end of a socket: it ends when the socket does."""

    def __init__(self, connection):
        self.connection = connection
        self.stdin = connection.makefile('w')
        self.stdout = connection.makefile('r')

    def wait(self, timeout=None):
        self.stdin.close()
        self.connection.shutdown(socket.SHUT_WR)     # the server sees the end of its input
        self.connection.close()                      # (the files keep the socket open)


class ForkedProcess:
    """The part of subprocess.Popen that the tests use, for a child of the fork server."""

    def __init__(self, server, pid):
        self.server = server
        self.pid = pid
        self.returncode = None

    def poll(self):
        with self.server.exited:
            self.returncode = self.server.exits.get(self.pid)
        return self.returncode

    def wait(self, timeout=None):
        with self.server.exited:
            if not self.server.exited.wait_for(lambda: self.pid in self.server.exits,
                                               timeout):
                raise subprocess.TimeoutExpired(f'process {self.pid}', timeout)
            self.returncode = self.server.exits[self.pid]
        return self.returncode

    def terminate(self):
        self.send_signal(signal.SIGTERM)

    def kill(self):
        self.send_signal(signal.SIGKILL)

    def send_signal(self, number):
        if self.poll() is None:
            try:
                os.kill(self.pid, number)
            except ProcessLookupError:
                pass


if __name__ == '__main__':
    arguments = sys.argv[1:]
    if arguments[:1] == ['--listen-fd']:
        serve(arguments[3:], listener=socket.socket(fileno=int(arguments[1])),
              grace=float(arguments[2]))
    else:
        serve(arguments)
