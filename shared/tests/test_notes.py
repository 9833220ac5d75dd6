"""The notes (notes/*.md) and README.md say only what the repository holds.

What counts as a citation, and the conventions the notes follow for it:

- Paths: a path starting with chapters/, tests/, shared/ or notes/ inside `backticks` or a
  fenced block, and the target of a Markdown link or image, must exist. `chNN` stands for any
  chapter. A path that .gitignore covers (app.db, logs/) is what the app writes when it runs,
  so it is not looked for.
- Test names: a name test_... (not test_*.py, not an attribute like app.test_client) must be
  a test function in tests/ or shared/tests/.
- Code listings: a fenced block is a listing of a file when the last line of text before the
  fence ends with the file's path in backticks and a colon, as in: The view in `app/routes.py`:
  In notes/chNN.md the path is relative to chapters/chNN, unless it starts with chapters/,
  tests/ or shared/. The listing must be found in the file as consecutive lines, ignoring blank
  lines at its ends and spaces at line ends, at any one indentation. A line holding only `...`
  stands for lines left out. A fenced block tagged with a language (```python, ```html, ...)
  is a listing and must be introduced so; an untagged block, or one tagged console, shell or
  text, is a command, a session or output, and no file is looked up for it.
- pytest commands: every `pytest ...` in backticks or a fenced block must be a command the
  harness accepts: options among those below, path options written with `=`, an existing
  chapter, existing tests/chNN paths of one chapter, no --start for ch01. A command in
  backticks whose sentence says it "is refused" must be refused instead. A --snapshot folder
  the repository does not hold (a learner's copy such as my-ch05, or PATH) stands for a
  snapshot: only the command is checked here.

Every check is a parameter named NOTE:LINE and what it checks.
"""
import fnmatch
import re
import shlex
from pathlib import Path
from types import SimpleNamespace

import pytest

from shared import harness

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = sorted((ROOT / 'notes').glob('*.md')) + [ROOT / 'README.md']
CHAPTERS = sorted(path.name for path in (ROOT / 'chapters').glob('ch[0-9][0-9]'))

FENCE = re.compile(r'^(\s*)```(.*)$')
SPAN = re.compile(r'`([^`]+)`')
LINK = re.compile(r'\]\(([^)\s]+)\)')
PATH = re.compile(r'(?<![\w./~-])((?:chapters|tests|shared|notes)/[^\s`\'"()\[\],;:]*)')
TEST_NAME = re.compile(r'(?<![\w./])(test_\w+)(?!\w)(?!\.py)')
TEST_DEF = re.compile(r'^\s*(?:async\s+)?def\s+(test_\w+)', re.MULTILINE)
# pytest where a command starts: alone, after python -m, after && or ;, or as coverage's -m.
PYTEST = re.compile(r'(?:(?:^|&&|;)\s*(?:\S*python3?\s+-m\s+)?|\s-m\s+)pytest(?=\s|$)')
LISTING_INTRO = re.compile(r'`([^`\s]+)`:\s*$')
ELISION = '...'
NOT_A_LISTING = {'', 'console', 'shell', 'sh', 'bash', 'text', 'pycon'}

FLAGS = {'-q', '-v', '-vv', '-x', '-s', '-ra', '-rs', '--start'}
WITH_VALUE = {'-k', '-m', '-p', '--chapter'}
WITH_EQUALS = {'--snapshot', '--screenshots', '--chapter', '--database'}


def relative(path):
    return path.relative_to(ROOT).as_posix()


# --- reading the documents ------------------------------------------------------------------

def parse(document):
    """(prose lines with fenced blocks blanked, [fenced blocks]) of one document."""
    lines = document.read_text(encoding='utf-8').splitlines()
    prose, blocks, block = [], [], None
    for number, line in enumerate(lines, 1):
        fence = FENCE.match(line)
        if block is None and fence:
            intro = next((text for text in reversed(lines[:number - 1]) if text.strip()), '')
            block = SimpleNamespace(line=number, info=fence.group(2).strip(), lines=[],
                                    intro=intro)
            prose.append('')
        elif block is not None and fence:
            blocks.append(block)
            block = None
            prose.append('')
        elif block is not None:
            block.lines.append(line)
            prose.append('')
        else:
            prose.append(line)
    return prose, blocks


def spans(prose):
    """(line number, text, rest of its sentence) of every `code span`; spans may wrap."""
    text = '\n'.join(prose)
    for match in SPAN.finditer(text):
        after = text[match.end():]
        paragraph_end = after.find('\n\n')
        after = after if paragraph_end < 0 else after[:paragraph_end]
        sentence = re.split(r'[.!?](?:\s|$)', after, maxsplit=1)[0]
        yield text.count('\n', 0, match.start()) + 1, match.group(1), sentence


def without_comment(line):
    return re.sub(r'(^|\s)#.*$', '', line)


def code_texts(document):
    """(line number, text, rest of sentence or None) of every span and fenced-block line."""
    prose, blocks = parse(document)
    yield from spans(prose)
    for block in blocks:
        for offset, line in enumerate(block.lines, 1):
            yield block.line + offset, without_comment(line), None


def unique(cases):
    seen, kept = set(), []
    for case in cases:
        if case.id not in seen:
            seen.add(case.id)
            kept.append(case)
    return kept


def chapter_of(document):
    match = re.fullmatch(r'(ch\d\d)\.md', document.name)
    return match.group(1) if match and document.parent.name == 'notes' else None


# --- (1) paths ------------------------------------------------------------------------------

def ignored_patterns():
    lines = (ROOT / '.gitignore').read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith('#')]


def git_ignores(path):
    parts = Path(path).parts
    for pattern in ignored_patterns():
        if pattern.endswith('/'):
            if any(fnmatch.fnmatch(part, pattern[:-1]) for part in parts[:-1]) or \
                    (path.endswith('/') and fnmatch.fnmatch(parts[-1], pattern[:-1])):
                return True
        elif any(fnmatch.fnmatch(part, pattern) for part in parts):
            return True
    return False


def exists(path):
    """The path, read from the repository root, is there (chNN: for some chapter)."""
    if 'chNN' in path:
        return any(exists(path.replace('chNN', chapter)) for chapter in CHAPTERS)
    return any(ROOT.glob(path.rstrip('/'))) if '*' in path else (ROOT / path).exists()


def path_cases():
    for document in DOCUMENTS:
        name = relative(document)
        for line, text, _ in code_texts(document):
            for match in PATH.finditer(text):
                path = match.group(1).rstrip('.')
                yield pytest.param(path, id=f'{name}:{line} {path}')
        prose, _ = parse(document)
        for line, text in enumerate(prose, 1):
            for match in LINK.finditer(text):
                target = match.group(1).split('#')[0]
                if target and not re.match(r'[a-z]+:', target):
                    path = relative((document.parent / target).resolve())
                    yield pytest.param(path, id=f'{name}:{line} {target}')


@pytest.mark.parametrize('path', unique(path_cases()))
def test_a_cited_path_exists(path):
    assert git_ignores(path) or exists(path), f'{path} is not in the repository'


# --- (2) test names -------------------------------------------------------------------------

def defined_tests():
    files = [*ROOT.glob('tests/**/*.py'), *ROOT.glob('shared/tests/*.py'),
             *ROOT.glob('chapters/*/tests/*.py')]   # a snapshot's own tests (ch15 on)
    return {name for file in files for name in TEST_DEF.findall(file.read_text())}


def cited_test_names():
    for document in DOCUMENTS:
        for line, text in enumerate(document.read_text(encoding='utf-8').splitlines(), 1):
            for name in TEST_NAME.findall(text):
                yield pytest.param(name, id=f'{relative(document)}:{line} {name}')


TEST_FUNCTIONS = defined_tests()


@pytest.mark.parametrize('name', unique(cited_test_names()))
def test_a_cited_test_exists(name):
    assert name in TEST_FUNCTIONS, f'no test function {name} in tests/'


# --- (3) code listings ----------------------------------------------------------------------

def listing_cases():
    for document in DOCUMENTS:
        _, blocks = parse(document)
        chapter = chapter_of(document)
        for block in blocks:
            intro = LISTING_INTRO.search(block.intro)
            if not intro:
                if block.info.split()[0:1] and block.info.split()[0] not in NOT_A_LISTING:
                    yield pytest.param(None, block.lines,
                                       id=f'{relative(document)}:{block.line} {block.info}')
                continue
            cited = intro.group(1)
            if cited.split('/')[0] in ('chapters', 'tests', 'shared') or chapter is None:
                file = cited
            else:
                file = f'chapters/{chapter}/{cited}'
            yield pytest.param(file, block.lines,
                               id=f'{relative(document)}:{block.line} {file}')


def segments(listing):
    """The listing's runs of lines between `...` lines, blank lines at the ends dropped."""
    lines = [line.rstrip() for line in listing]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    runs, run = [], []
    for line in lines:
        if line.strip() == ELISION:
            runs.append(run)
            run = []
        else:
            run.append(line)
    runs.append(run)
    return [run for run in runs if run]


def indent(line):
    return len(line) - len(line.lstrip())


def found_at(run, lines, start):
    """Where run matches lines[start:] at one indentation, consecutively; else None."""
    first = next(line for line in run if line)
    for at in range(start, len(lines) - len(run) + 1):
        anchor = lines[at + run.index(first)]
        shift = indent(anchor) - indent(first)
        if shift < 0:
            continue
        if all((line == '' and lines[at + k] == '') or lines[at + k] == ' ' * shift + line
               for k, line in enumerate(run)):
            return at + len(run)
    return None


# The check proven on a known file: an elided listing of it is found there, an altered one is not.
KNOWN_FILE = 'chapters/ch01/app/routes.py'
KNOWN_LISTING = ['', "@app.route('/')", ELISION, "return 'Hello, World!'", '']


def listing_is_in_file(file, listing):
    assert file is not None, 'a listing: end the text before it with its file, `path`:'
    assert (ROOT / file).is_file(), f'the listing names {file}, which is not a file'
    lines = [line.rstrip() for line in (ROOT / file).read_text().splitlines()]
    position = 0
    for run in segments(listing):
        position = found_at(run, lines, position)
        assert position is not None, f'{file} has no lines reading:\n' + '\n'.join(run)


@pytest.mark.parametrize('file, listing', [
    pytest.param(KNOWN_FILE, KNOWN_LISTING, id=f'known: {KNOWN_FILE}'),
    *unique(listing_cases())])
def test_a_code_listing_is_in_its_file(file, listing):
    listing_is_in_file(file, listing)


def test_an_altered_listing_is_not_found():
    altered = ["@app.route('/')", ELISION, "return 'Hello, Moon!'"]

    with pytest.raises(AssertionError, match='has no lines reading'):
        listing_is_in_file(KNOWN_FILE, altered)


# --- (4) pytest commands --------------------------------------------------------------------

def pytest_commands(text):
    """The arguments of each pytest command in text, up to the shell's next command."""
    for match in PYTEST.finditer(text):
        words = []
        for word in shlex.split(text[match.end():]):
            if word in ('&&', '||', ';', '|') or word.startswith('#'):
                break
            words.append(word)
        yield words


def command_cases():
    for document in DOCUMENTS:
        for line, text, sentence in code_texts(document):
            for words in pytest_commands(text):
                refused = sentence is not None and 'refused' in sentence
                command = ' '.join(['pytest', *words])
                yield pytest.param(words, refused,
                                   id=f'{relative(document)}:{line} {command}'.replace('::', ' '))


def check_command(words):
    """Raise pytest.UsageError unless the words are an invocation the course accepts."""
    args, chapter, start, snapshot, database = [], None, False, None, 'sqlite'
    words = list(words)
    while words:
        word = words.pop(0)
        name, equals, value = word.partition('=')
        if word in FLAGS:
            start = start or word == '--start'
        elif equals and name in WITH_EQUALS:
            if name == '--chapter':
                chapter = value
            elif name == '--snapshot':
                snapshot = value
            elif name == '--database':
                database = value
        elif name in ('--snapshot', '--screenshots', '--database'):
            raise pytest.UsageError(f'write {name}=PATH: pytest reads a separate path as tests')
        elif word in WITH_VALUE:
            if not words:
                raise pytest.UsageError(f'{word} needs a value')
            value = words.pop(0)
            if word == '--chapter':
                chapter = value
        elif word.startswith('-'):
            raise pytest.UsageError(f'{word} is not an option the notes use')
        else:
            args.append(word)
    if database not in ('sqlite', 'postgresql'):
        raise pytest.UsageError(f'--database={database}: sqlite or postgresql')
    if chapter is not None and chapter not in CHAPTERS:
        raise pytest.UsageError(f'{chapter} is not a chapter of this course')
    for arg in args:
        path, _, test = arg.partition('::')
        if not re.match(r'(tests/ch\d\d|shared/tests)(/|$)', path) or \
                not (ROOT / path).exists():
            raise pytest.UsageError(f'{arg}: no such tests/chNN or shared/tests path')
        if test and not re.search(rf'def {re.escape(test.split("[")[0])}\(',
                                  (ROOT / path).read_text()):
            raise pytest.UsageError(f'{arg}: no such test in {path}')
    if snapshot is not None and not (ROOT / snapshot / 'app' / '__init__.py').is_file():
        snapshot = 'chapters/ch01'  # a learner's folder: any snapshot stands for it
    # The harness decides as pytest would: a Course, or pytest.UsageError.
    return harness.course_for(args=tuple(args), chapter=chapter, start=start,
                              snapshot=snapshot, invoked_from=ROOT)


@pytest.mark.parametrize('words, refused', unique(command_cases()))
def test_a_pytest_command_is_one_the_harness_accepts(words, refused):
    if refused:
        with pytest.raises(pytest.UsageError):
            check_command(words)
    else:
        check_command(words)
