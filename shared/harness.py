"""Which snapshot a pytest process tests, which tests apply to it, and red-first.

    pytest --chapter ch07             tests/ch01..ch07 against chapters/ch07
    pytest tests/ch07                 tests/ch07 against chapters/ch07
    pytest --chapter ch07 --snapshot PATH       the same tests against PATH
    pytest --chapter ch07 --start     tests/ch07 against chapters/ch06: passes only
                                      when every one of them fails there
"""
import importlib
import os
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import Flask
from jinja2 import BytecodeCache
from werkzeug.datastructures import ImmutableDict
from werkzeug.routing import Rule

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / 'chapters'
TESTS = ROOT / 'tests'
CHAPTER_NAME = re.compile(r'^ch(\d\d)$')

ONE_CHAPTER_ONLY = (
    'one chapter per pytest process: every snapshot has the same module names '
    '(app, config), so {found} cannot share a process. Run `pytest --chapter chNN` '
    'once per chapter, or `tox` for all of them.')


def chapter_number(name):
    match = CHAPTER_NAME.match(name or '')
    if not match:
        raise pytest.UsageError(f'{name!r} is not a chapter: write ch01, ch02, ...')
    return int(match.group(1))


def chapter_name(number):
    return f'ch{number:02d}'


def newest_chapter():
    return max(chapter_number(path.name) for path in CHAPTERS.glob('ch[0-9][0-9]'))


def test_chapter_of(path):
    """The chapter whose tests folder holds path (tests/chNN/...), or None."""
    try:
        parts = Path(path).resolve().relative_to(TESTS).parts
    except ValueError:
        return None
    if parts and CHAPTER_NAME.match(parts[0]):
        return chapter_number(parts[0])
    return None


@dataclass
class Course:
    chapter: int           # the chapter whose tests run
    start: bool            # red-first: against the starting snapshot
    snapshot: Path         # the app folder under test
    from_path: bool = False  # the chapter came from a tests/chNN path, not --chapter
    database: str = 'sqlite'  # where the tests' app keeps its data: sqlite or postgresql

    @property
    def snapshot_chapter(self):
        """The chapter whose end the snapshot stands for."""
        return self.chapter - 1 if self.start else self.chapter

    def applies(self, test_chapter):
        if self.start:
            return test_chapter == self.chapter
        return test_chapter <= self.chapter


def pytest_addoption(parser):
    group = parser.getgroup('course')
    group.addoption('--chapter', metavar='chNN',
                    help='run every test that applies to chapter NN (tests/ch01..chNN)')
    group.addoption('--snapshot', metavar='PATH',
                    help='test the app in PATH instead of chapters/chNN')
    group.addoption('--start', action='store_true',
                    help='red-first: run the tests chapter NN introduces against its '
                         'starting snapshot; succeeds only when each of them fails')
    group.addoption('--database', choices=('sqlite', 'postgresql'), default='sqlite',
                    help="the database of the tests' app: SQLite in memory (default), or "
                         'a PostgreSQL server started for the run; on PostgreSQL only the '
                         "tests that use the app's database run, those marked sqlite_only "
                         'left out')


def pytest_configure(config):
    config.addinivalue_line('markers', 'e2e: a browser story (headless Chromium)')
    config.addinivalue_line(
        'markers', 'ends(chapter, reason): the behaviour checked here changes in that '
        'chapter; the test applies only to snapshots before it')
    config.addinivalue_line(
        'markers', 'green_at_start(reason): this new test is allowed to pass on the '
        "chapter's starting snapshot")
    config.addinivalue_line(
        'markers', 'sqlite_only(reason): the test checks something only SQLite has; it '
        'does not run with --database=postgresql')
    config.course = choose_course(config)
    config.red_reasons = {}
    if config.course.start and config.option.tbstyle == 'auto':
        # Every test fails here, and pytest writes a traceback for each even when the
        # failure was expected, reading the source of every frame to do it: half of a
        # red-first run. Python's own tracebacks say as much, for a fraction of the cost.
        config.option.tbstyle = 'native'


def choose_course(config):
    return course_for(config.args, chapter=config.getoption('chapter'),
                      start=config.getoption('start'), snapshot=config.getoption('snapshot'),
                      invoked_from=config.invocation_params.dir,
                      database=config.getoption('database'))


def course_for(args=(), chapter=None, start=False, snapshot=None, invoked_from=ROOT,
               database='sqlite'):
    """The Course a pytest command line asks for, or a UsageError saying why it cannot be.
    args are the command's paths; chapter, start and snapshot its course options."""
    named = chapter
    invoked_from = Path(invoked_from)
    inferred = set()
    for arg in args:
        found = test_chapter_of(invoked_from / str(arg).split('::')[0])
        if found is not None:
            inferred.add(found)
    if len(inferred) > 1 and not named:
        found = ', '.join(chapter_name(n) for n in sorted(inferred))
        raise pytest.UsageError(ONE_CHAPTER_ONLY.format(found=found))

    if named:
        chapter = chapter_number(named)
        if inferred and max(inferred) > chapter:
            raise pytest.UsageError(
                f'tests/{chapter_name(max(inferred))} do not apply to {named}: '
                'a snapshot is checked with its own and earlier chapters\' tests')
    elif inferred:
        chapter = next(iter(inferred))
    else:
        chapter = newest_chapter()

    if start and chapter < 2:
        raise pytest.UsageError('ch01 has no starting snapshot: it starts from nothing')
    snapshot_chapter = chapter - 1 if start else chapter
    snapshot = (invoked_from / snapshot).resolve() if snapshot else \
        CHAPTERS / chapter_name(snapshot_chapter)
    if not (snapshot / 'app' / '__init__.py').is_file():
        raise pytest.UsageError(f'{snapshot} holds no Flask app (no app/__init__.py)')
    return Course(chapter=chapter, start=start, snapshot=snapshot,
                  from_path=bool(inferred) and not named, database=database)


def pytest_report_header(config):
    course = config.course
    name = chapter_name(course.chapter)
    if course.start:
        what = f'red-first: tests/{name} must FAIL on'
    elif course.from_path:
        what = f'the tests named, as chapter {name}, against'
    else:
        what = f'tests/ch01..{name} against'
    on = ', on PostgreSQL' if course.database == 'postgresql' else ''
    return f'course: {what} {course.snapshot}{on}'


def pytest_ignore_collect(collection_path, config):
    chapter = test_chapter_of(collection_path)
    if chapter is not None and not config.course.applies(chapter):
        return True
    return None


def pytest_collection_modifyitems(config, items):
    course = config.course
    kept, ended = [], []
    for item in items:
        ends = item.get_closest_marker('ends')
        if ends is not None and course.snapshot_chapter >= chapter_number(ends.args[0]):
            require_reason(item, ends)
            ended.append(item)
            continue
        if course.database == 'postgresql' and not uses_the_test_database(item):
            ended.append(item)
            continue
        green = item.get_closest_marker('green_at_start')
        if green is not None:
            require_reason(item, green)
        if course.start and green is None:
            item.add_marker(pytest.mark.xfail(
                strict=True, reason=f'must be red at the start of {chapter_name(course.chapter)}'))
        kept.append(item)
    if ended:
        config.hook.pytest_deselected(items=ended)
        items[:] = kept


def uses_the_test_database(item):
    """Whether the test uses the database of the tests' app (the one --database picks),
    and may run on PostgreSQL."""
    sqlite_only = item.get_closest_marker('sqlite_only')
    if sqlite_only is not None:
        require_reason(item, sqlite_only)
        return False
    return '_test_database' in getattr(item, 'fixturenames', ())


def require_reason(item, marker):
    if not marker.kwargs.get('reason'):
        raise pytest.UsageError(f'{item.nodeid}: @pytest.mark.{marker.name} needs a reason=')


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if item.config.course.start and call.when in ('setup', 'call') \
            and call.excinfo is not None \
            and not call.excinfo.errisinstance(pytest.skip.Exception):
        item.config.red_reasons.setdefault(item.nodeid, first_line(call.excinfo))
    return report


def first_line(excinfo):
    line = excinfo.exconly().strip().splitlines()[0]
    return line if len(line) <= 160 else line[:157] + '...'


def pytest_terminal_summary(terminalreporter, config):
    course = config.course
    if not course.start:
        return
    reasons = config.red_reasons
    green = [r.nodeid for r in terminalreporter.stats.get('failed', [])
             if '[XPASS(strict)]' in str(r.longrepr)]
    allowed = [r.nodeid for r in terminalreporter.stats.get('passed', [])
               if r.when == 'call']
    title = (f'red-first for {chapter_name(course.chapter)} '
             f'on {course.snapshot.name}: {len(reasons)} red')
    terminalreporter.section(title)
    for nodeid, reason in reasons.items():
        terminalreporter.line(f'RED    {nodeid}\n       {reason}')
    for nodeid in allowed:
        terminalreporter.line(f'GREEN  {nodeid} (allowed: marked green_at_start)')
    for nodeid in green:
        terminalreporter.line(
            f'GREEN  {nodeid}\n       already passes at the start: the chapter adds '
            'nothing it checks (fix the test, or mark it green_at_start(reason=...))',
            red=True)


class Snapshot:
    """The app under test, imported once per process.

    Chapters 1-7 build their one app when the `app` package is imported. From chapter 8
    the package has a factory, create_app(): the tests share one app it made (see the
    app fixture), and a test that needs other settings makes one of its own.
    """

    def __init__(self, path, environment):
        self.path = path
        self.environment = environment
        with environment_for_tests(environment):
            if (path / 'config.py').is_file():
                checked_import('config', path)
            self.package = checked_import('app', path)
        self.db = getattr(self.package, 'db', None)
        if not self.has_factory:
            assert self.package.app.testing, f'{path} did not build its app in testing mode'

    @property
    def has_factory(self):
        return hasattr(self.package, 'create_app')

    def new_app(self):
        """A new app from the factory, or the one app of a snapshot without a factory."""
        if not self.has_factory:
            return self.package.app
        with environment_for_tests(self.environment):
            app = self.package.create_app('testing')
        assert app.testing, "create_app('testing') did not build an app in testing mode"
        app.jinja_env.bytecode_cache = COMPILED_TEMPLATES
        return app

    def new_app_on(self, url):
        """A new app from the factory in testing mode, whose database is at url."""
        # create_app() takes only a configuration's name, and TestingConfig read its
        # database address when config.py was imported: so, for this one app, the name
        # 'testing' stands for a subclass whose database is at url.
        configs = sys.modules['config'].config
        testing = configs['testing']
        configs['testing'] = type('TestingOn', (testing,), {'SQLALCHEMY_DATABASE_URI': url})
        try:
            return self.new_app()
        finally:
            configs['testing'] = testing

    @contextmanager
    def session_on(self, database):
        """A database session on this file (or database URL), one a server in another
        process uses, that saves rows as the tests' own app would. From chapter 8 it is an
        app's db.session, in an app context like the tests' (a model's constructor may read
        current_app and the database through db.session)."""
        url = database if isinstance(database, str) else f'sqlite:///{database}'
        if not self.has_factory:
            engine = sa.create_engine(url)
            with so.Session(engine) as session:
                yield session
            engine.dispose()
            return
        app = self.new_app_on(url)
        with app.app_context():
            yield self.db.session
            self.db.session.remove()
            self.db.engine.dispose()


class CompiledTemplates(BytecodeCache):
    """Templates compiled once per process. Every new app (the tests share one, but
    many tests make their own) would otherwise parse and compile each template again,
    about 10 ms an app; Jinja keys the cache by the template's file name and a checksum
    of its source."""

    def __init__(self):
        self.compiled = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()


@pytest.fixture(scope='session', autouse=True)
def _url_builders_compiled_once():
    """Werkzeug compiles a small Python function for every URL rule, to build its URLs
    (url_for): most of the cost of a new app, made again for every app a test makes. A
    rule's function depends only on the rule's text and its defaults, so in this process
    it is compiled once per rule and reused; each app's rules still get their own
    routing map.
    (A Werkzeug without this private method is left alone, only slower.)"""
    compile_builder = getattr(Rule, '_compile_builder', None)
    if compile_builder is None:
        yield
        return
    compiled = {}

    def compile_builder_once(rule, append_unknown=True):
        key = (rule.rule, rule.subdomain, rule.host, tuple(rule._trace),
               repr(sorted((rule.defaults or {}).items())), append_unknown)
        if key not in compiled:
            compiled[key] = compile_builder(rule, append_unknown)
        return compiled[key]

    Rule._compile_builder = compile_builder_once
    yield
    Rule._compile_builder = compile_builder


def environment_of_tests(mail_server):
    """What the app under test finds in the environment while it is built."""
    return {
        'DATABASE_URL': 'sqlite://',      # a database in memory, new for every app
        'FLASK_DEBUG': None,              # debug mode is for people, not for tests
        'FLASK_CONFIG': None,
        'MICROBLOG_ADMIN': None,          # nobody is made an administrator unless a test says so
        **mail_server.settings,           # e-mail goes to the tests' own SMTP server
        'MAIL_USE_TLS': None, 'MAIL_USERNAME': None, 'MAIL_PASSWORD': None,
    }


@contextmanager
def environment_for_tests(environment):
    """Set environment (None: not set) while an app is imported or built; then put the
    process's environment back as it was."""
    saved_environment = dict(os.environ)
    saved_defaults = Flask.default_config
    for name, value in environment.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    # An app without a factory decides at import time whether to send errors by e-mail
    # and to a log file (not in testing mode): so every Flask app made now starts in
    # testing mode, as create_app('testing') would make it.
    Flask.default_config = ImmutableDict({**saved_defaults, 'TESTING': True})
    try:
        yield
    finally:
        Flask.default_config = saved_defaults
        os.environ.clear()
        os.environ.update(saved_environment)


@pytest.fixture(scope='session')
def snapshot(pytestconfig, _mail_server):
    path = pytestconfig.course.snapshot
    sys.path.insert(0, str(path))
    return Snapshot(path, environment_of_tests(_mail_server))


def checked_import(name, path):
    module = importlib.import_module(name)
    if not Path(module.__file__).resolve().is_relative_to(path):
        raise pytest.UsageError(
            f'`{name}` was imported from {module.__file__}, not from {path}: '
            + ONE_CHAPTER_ONLY.format(found='two snapshots'))
    return module
