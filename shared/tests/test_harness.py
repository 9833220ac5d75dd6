"""The harness keeps its promises (README, "The test commands"): each test runs pytest
in a process of its own, from the repository root, as a learner or a script would."""
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from shared.browser import find_browser

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope='module')
def chapter_two(run_pytest):
    """One run of `pytest --chapter ch02 -v`, which several promises are read from."""
    return run_pytest('--chapter', 'ch02', '-v')


def test_a_chapter_runs_its_own_and_earlier_tests_against_its_snapshot(chapter_two):
    code, output = chapter_two

    assert code == 0, output
    assert f'tests/ch01..ch02 against {ROOT}/chapters/ch02' in output
    assert 'tests/ch01/test_hello.py::test_flaskenv_names_the_app_for_flask_run PASSED' \
        in output


def test_a_tests_folder_names_the_chapter(run_pytest):
    code, output = run_pytest('tests/ch02', '-v')

    assert code == 0, output
    assert f'{ROOT}/chapters/ch02' in output
    assert 'tests/ch01/' not in output


def test_two_chapters_in_one_process_are_refused(run_pytest):
    code, output = run_pytest('tests/ch01', 'tests/ch02')

    assert code == 4
    assert 'one chapter per pytest process' in output


def test_a_test_ended_by_a_later_chapter_is_deselected_there(chapter_two):
    code, output = chapter_two

    assert code == 0, output
    assert 'test_home_page_says_hello_world' not in output
    assert '2 deselected' in output


def test_start_succeeds_when_every_new_test_is_red_and_names_the_reasons(run_pytest):
    code, output = run_pytest('--chapter', 'ch02', '--start')

    assert code == 0, output
    assert 'red-first for ch02 on ch01: 4 red' in output
    assert "AssertionError: assert [] == ['Hi, Miguel!']" in output


def test_start_fails_when_a_new_test_is_already_green(run_pytest):
    # Chapter 2's tests against chapter 2's own snapshot: nothing is red.
    code, output = run_pytest('--chapter', 'ch02', '--start',
                                        '--snapshot=chapters/ch02')

    assert code == 1
    assert 'already passes at the start' in output


def test_snapshot_points_the_suite_at_another_folder(tmp_path, run_pytest):
    copy = tmp_path / 'my-ch02'
    shutil.copytree(ROOT / 'chapters' / 'ch02', copy)
    index = copy / 'app' / 'templates' / 'index.html'
    index.write_text(index.read_text().replace('Hi, ', 'Hello, '))

    code, output = run_pytest('--chapter', 'ch02', f'--snapshot={copy}')

    assert code == 1
    assert 'FAILED tests/ch02/test_templates.py::test_home_page_greets_the_user_by_name' in output


@pytest.mark.parametrize('required, code, outcome', [
    ('0', 0, '1 skipped'),
    ('1', 1, '1 error'),
], ids=['skipped', 'required'])
def test_a_missing_browser_skips_stories_with_a_hint_unless_required(required, code, outcome,
                                                                     run_pytest):
    result = run_pytest(
        'tests/ch05', '-k', 'wrong_password', '-rs',
        CHROMEDRIVER=str(ROOT / 'no-such-chromedriver'), E2E_REQUIRED=required)

    assert result[0] == code, result[1]
    assert outcome in result[1]
    assert 'sudo apt-get install chromium chromium-driver' in result[1]


def test_screenshots_saves_what_the_story_shows_named_for_the_snapshot(tmp_path, run_pytest):
    # The notes make their pictures this way.
    folder = tmp_path / 'shots'
    code, output = run_pytest('tests/ch05', '-k', 'wrong_password', f'--screenshots={folder}',
                              E2E_REQUIRED='1')

    assert code == 0, output
    assert [path.name for path in folder.iterdir()] == ['wrong-password-ch05.png']
    assert (folder / 'wrong-password-ch05.png').read_bytes().startswith(b'\x89PNG\r\n\x1a\n')


@pytest.fixture
def programs_on_path(tmp_path, monkeypatch):
    """programs_on_path('chromium', ...): a PATH holding only these (empty) programs."""
    def programs_on_path(*names):
        for name in names:
            program = tmp_path / name
            program.write_text('#!/bin/sh\n')
            program.chmod(0o755)
        monkeypatch.setenv('PATH', str(tmp_path))
        monkeypatch.delenv('CHROME_BIN', raising=False)
        monkeypatch.delenv('CHROMEDRIVER', raising=False)
        return tmp_path
    return programs_on_path


def test_the_stories_run_in_chromiums_headless_shell_where_it_is_installed(programs_on_path):
    folder = programs_on_path('chromium', 'chromium-headless-shell', 'chromedriver')

    assert find_browser() == (str(folder / 'chromium-headless-shell'),
                              str(folder / 'chromedriver'))


def test_without_the_headless_shell_the_stories_run_in_chromium(programs_on_path):
    folder = programs_on_path('chromium', 'chromedriver')

    assert find_browser() == (str(folder / 'chromium'), str(folder / 'chromedriver'))


def test_chrome_bin_names_the_browser_whatever_is_installed(programs_on_path, monkeypatch):
    folder = programs_on_path('chromium', 'chromium-headless-shell', 'chromedriver')
    monkeypatch.setenv('CHROME_BIN', str(folder / 'chromium'))

    assert find_browser()[0] == str(folder / 'chromium')


def browsers_showing(marker):
    """The pids of the processes whose command line holds marker."""
    found = subprocess.run(['pgrep', '-f', marker], capture_output=True, text=True)
    return found.stdout.split()


def test_no_browser_outlives_the_run_even_when_a_script_starts_it(tmp_path, browser_installed,
                                                                  run_pytest):
    """Debian's chromium-headless-shell is a script that starts the browser as its child
    (it does not exec it): ending chromedriver ends the script, not the browser."""
    chrome, _ = browser_installed
    marker = f'course-test-{os.getpid()}'
    script = tmp_path / 'browser-in-a-script'
    script.write_text(f'#!/bin/sh\n"{chrome}" "$@" --window-name={marker}\n')
    script.chmod(0o755)

    code, output = run_pytest('tests/ch05', '-k', 'wrong_password',
                                        CHROME_BIN=str(script), E2E_REQUIRED='1')

    assert code == 0, output
    for _ in range(100):                  # a browser takes a moment to end
        if not browsers_showing(marker):
            break
        time.sleep(0.05)
    left = browsers_showing(marker)
    for pid in left:
        os.kill(int(pid), signal.SIGKILL)
    assert not left, f'{len(left)} browser processes outlived the run'


# A snapshot built by an application factory, as the chapters are from chapter 8 on.
FACTORY_APP = '--snapshot=shared/tests/factory_app'


def test_a_factory_snapshot_passes_the_harness_checks_and_earlier_chapters_tests(run_pytest):
    code, output = run_pytest(
        '--chapter', 'ch01', FACTORY_APP, 'shared/tests/factory_app/checks.py', 'tests/ch01',
        '-v', E2E_REQUIRED='1')

    assert code == 0, output
    assert 'checks.py::test_the_browser_sees_the_app_of_this_test PASSED' in output
    assert 'checks.py::test_flask_run_serves_the_configuration_flask_config_names PASSED' \
        in output
    assert '12 passed' in output


def test_start_on_a_factory_snapshot_reports_every_new_test_red(run_pytest):
    code, output = run_pytest('--chapter', 'ch02', '--start', FACTORY_APP)

    assert code == 0, output
    assert 'red-first for ch02 on factory_app: 4 red' in output
