"""course.py's promises that need no pytest run of their own: the versions it installs,
and the table verify ends with."""
import os
import sys
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
import course  # noqa: E402  (course.py lives at the root, beside shared/)


def pinned():
    """{package: version} from constraints.txt, for this Python: a pin with a marker
    (`; python_full_version < "3.11.5"`) counts only where the marker holds."""
    pins = {}
    for line in (ROOT / 'constraints.txt').read_text().splitlines():
        if line and not line.startswith('#'):
            pin, _, marker = line.partition(';')
            if marker and not Marker(marker).evaluate():
                continue
            name, version = pin.strip().split('==')
            name = course.package_name(name)
            assert name not in pins, f'{name} is pinned twice for this Python'
            pins[name] = version
    return pins


def test_constraints_pin_every_requirement_to_one_version():
    wanted = [course.package_name(line)
              for line in (ROOT / 'requirements.txt').read_text().splitlines()
              if line.strip() and not line.startswith('#')]

    assert sorted(set(wanted) - set(pinned())) == []


@pytest.mark.skipif(os.environ.get('COURSE_NEWEST_RELEASES') == '1',
                    reason='the newest releases, on purpose (tox -e newest, verify --newest)')
def test_the_tests_run_with_the_versions_constraints_txt_records():
    installed = {course.package_name(dist.metadata['Name']): dist.version
                 for dist in metadata.distributions()}

    # A package that this Python does not need (a backport, say) may be missing.
    different = {name: (version, installed[name]) for name, version in pinned().items()
                 if name in installed and installed[name] != version}
    assert different == {}, 'recorded version, installed version'


def test_lock_records_what_is_installed_and_keeps_the_pins_for_some_pythons(
        tmp_path, monkeypatch):
    constraints = tmp_path / 'constraints.txt'
    for_old_pythons = 'soupsieve==2.8.4; python_full_version < "3.11.5"'
    for_new_pythons = 'soupsieve==4.1.4; python_full_version >= "3.11.5"'
    constraints.write_text(f'Flask==0.1\n{for_old_pythons}\n{for_new_pythons}\n')
    monkeypatch.setattr(course, 'CONSTRAINTS', constraints)

    course.lock()

    lines = [line for line in constraints.read_text().splitlines()
             if not line.startswith('#')]
    installed = {course.package_name(dist.metadata['Name']): dist.version
                 for dist in metadata.distributions()}
    assert f"Flask=={installed['flask']}" in lines
    assert [line for line in lines if course.package_name(line) == 'soupsieve'] == \
        [for_old_pythons, for_new_pythons]
    assert lines == sorted(lines, key=str.lower)


def test_verify_ends_with_a_row_per_chapter_and_run():
    results = {'ch01': {'ran': 3, 'red': 0, 'seconds': 0.6},
               'ch02': {'ran': 5, 'red': 0, 'seconds': 0.5},
               'ch02-start': {'ran': 4, 'red': 4, 'seconds': 0.9},
               'harness': {'ran': 1100, 'red': 0, 'seconds': 26.8}}

    lines = course.summary_table(results).splitlines()

    assert lines[0].split() == ['run', 'tests', 'run', 'red', 'at', 'start', 'seconds',
                                'start', 'seconds']
    rows = {line.split()[0]: line.split()[1:] for line in lines[2:]}
    assert list(rows) == [*course.CHAPTERS, 'harness']
    assert rows['ch01'] == ['3', '0.6']
    assert rows['ch02'] == ['5', '4', '0.5', '0.9']
    assert rows['harness'] == ['1100', '26.8']
