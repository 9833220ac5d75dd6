"""`flask profile` serves the app under Werkzeug's ProfilerMiddleware: every request prints
the functions it spent most time in (--length of them, 25 by default), and with
--profile-dir each request's whole profile is saved in a file."""
import pstats
import re

import pytest
import requests

from shared.net import free_port, wait_for_port, wait_until
from shared.production import prepared_folder


@pytest.fixture(scope='module')
def profiled(snapshot, migrated_database, tmp_path_factory, python_processes):
    """Two `flask profile` servers, one with --profile-dir, one with --length 5; each is
    sent GET /login twice, then stopped once both reports are printed. Returns, for each,
    its folder, its output and the two responses."""
    runs = {}
    for name, options in (('defaults', ['--profile-dir', 'profiles']),
                          ('length', ['--length', '5'])):
        folder = tmp_path_factory.mktemp(f'profile-{name}')
        port = free_port()
        settings = {'PYTHONUNBUFFERED': '1'}         # each report reaches the file at once
        process = python_processes.popen(
            ['-m', 'flask', 'profile', '--port', str(port), *options], folder,
            prepared_folder(snapshot, migrated_database, folder, settings),
            folder / 'output.txt')
        runs[name] = (folder, port, process)
    results = {}
    for name, (folder, port, process) in runs.items():
        output = folder / 'output.txt'
        responses = []
        if wait_for_port(port, alive=lambda: process.poll() is None):
            responses = [requests.get(f'http://127.0.0.1:{port}/login', timeout=10)
                         for _ in range(2)]
            # The middleware prints a request's report after sending its response.
            wait_until(lambda: output.read_text().count("PATH: '/login'") == 2)
        process.terminate()
        process.wait(timeout=10)
        results[name] = (folder, output.read_text(), responses)
    return results


def reports(output):
    """The report printed for each request: the lines from 'PATH:' to the next rule."""
    return re.findall(r"PATH: '[^']*'\n(.*?)(?=\n-{80}|\Z)", output, re.DOTALL)


def function_rows(report):
    """The table's rows, one per function, under its ncalls... header."""
    table = report.split('ncalls')[1].strip().splitlines()[1:]
    return [row for row in table if row.strip()]


def test_the_profiled_server_serves_the_site(profiled):
    _, output, responses = profiled['defaults']
    assert [response.status_code for response in responses] == [200, 200], output
    assert 'Sign In' in responses[0].text


def test_each_request_prints_its_25_slowest_functions_by_default(profiled):
    _, output, _ = profiled['defaults']
    assert output.count("PATH: '/login'") == 2, output
    report = reports(output)[0]
    assert 'due to restriction <25>' in report
    assert len(function_rows(report)) == 25


def test_length_says_how_many_functions_each_report_lists(profiled):
    _, output, _ = profiled['length']
    report = reports(output)[0]
    assert 'due to restriction <5>' in report
    assert len(function_rows(report)) == 5


def test_profile_dir_keeps_a_profile_file_for_each_request(profiled):
    folder, _, _ = profiled['defaults']
    files = sorted((folder / 'profiles').glob('GET.login.*.prof'))
    assert len(files) == 2
    functions = pstats.Stats(str(files[0])).stats
    assert any(name == 'login' and path.endswith('auth/routes.py')
               for path, _, name in functions)


def test_without_profile_dir_no_file_is_written(profiled):
    folder, output, _ = profiled['length']
    assert len(reports(output)) == 2, output
    assert sorted(path.name for path in folder.iterdir()) == ['app.db', 'logs', 'output.txt']


def test_a_length_below_one_is_refused(run_flask):
    result = run_flask(['profile', '--length', '0'])

    assert result.returncode == 2
    assert "Invalid value for '--length'" in result.stderr
