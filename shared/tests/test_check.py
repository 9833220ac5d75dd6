"""`python3 course.py check PATH`: a learner's chapter folders, each with its chapter's
suite, in one table."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def course_check(path):
    result = subprocess.run([sys.executable, str(ROOT / 'course.py'), 'check', str(path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    return result.returncode, result.stdout + result.stderr


def rows(output):
    """{chapter: the rest of its line} from the command's table."""
    return {line.split()[0]: line.split(None, 1)[1] for line in output.splitlines()
            if line[:2] == 'ch' and line[2:4].isdigit() and len(line.split()) > 1}


@pytest.fixture(scope='module')
def learners_work(tmp_path_factory):
    """A learner's folder: chapter 1 done right, chapter 2 with the title it should
    have spelled differently, and a chapter 3 folder with no app in it yet."""
    work = tmp_path_factory.mktemp('learner')
    for chapter in ('ch01', 'ch02'):
        shutil.copytree(ROOT / 'chapters' / chapter, work / chapter,
                        ignore=shutil.ignore_patterns('__pycache__'))
    base = work / 'ch02' / 'app' / 'templates' / 'base.html'
    base.write_text(base.read_text().replace('Microblog', 'Macroblog'))
    (work / 'ch03').mkdir()
    (work / 'ch03' / 'notes.txt').write_text('to do\n')
    return work


@pytest.fixture(scope='module')
def checked(learners_work):
    return course_check(learners_work)


def test_a_correct_chapter_passes_with_no_failure(checked):
    code, output = checked

    assert rows(output)['ch01'].split() == ['3', '0']


def test_a_broken_chapter_shows_its_failures_and_the_first_failing_test(checked):
    code, output = checked

    passed, failed, first = rows(output)['ch02'].split(None, 2)
    assert int(failed) >= 1
    assert int(passed) + int(failed) == 5
    assert first.startswith('tests/ch02/test_templates.py::test_page_title_comes_from_the_view')
    assert "'Home - Macroblog' == 'Home - Microblog'" in first


def test_a_folder_with_no_app_gets_a_message_not_a_traceback(checked):
    code, output = checked

    assert rows(output)['ch03'] == 'not a Flask app: there is no app/__init__.py in it'
    assert 'Traceback' not in output


def test_any_failing_chapter_makes_the_command_fail(checked):
    code, output = checked

    assert code == 1
    assert output.rstrip().endswith('Some chapters fail.')


def test_a_folder_of_passing_chapters_makes_it_succeed(learners_work, tmp_path):
    shutil.copytree(learners_work / 'ch01', tmp_path / 'ch01')

    code, output = course_check(tmp_path)

    assert code == 0, output
    assert output.rstrip().endswith('Every chapter passes.')


def test_a_folder_without_chapters_is_refused_with_a_message(tmp_path):
    code, output = course_check(tmp_path)

    assert code == 2
    assert 'holds no chapter folders' in output
    assert 'Traceback' not in output
