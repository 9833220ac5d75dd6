"""What the harness's own tests share."""
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope='session')
def run_pytest(python_processes):
    """run_pytest('--chapter', 'ch02', E2E_REQUIRED='1'): pytest, run with those
    arguments and environment variables, in a process of its own, from the repository
    root, as a learner or a script would run it; returns (exit code, output). The process
    comes from the fork server, which has imported Flask and the rest already."""
    def run(*args, **environment):
        result = python_processes.run(['-m', 'pytest', '-p', 'no:cacheprovider', *args], ROOT,
                                      {**os.environ, **environment}, timeout=300)
        return result.returncode, result.stdout + result.stderr
    return run
