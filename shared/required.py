"""A program the tests need from the machine (Chromium, PostgreSQL, actionlint) and do not
find: the test is skipped, with how to install it. Where CI installed it, a variable such
as E2E_REQUIRED=1 says it must be there, and its absence is a failure instead."""
import os

import pytest


def missing(message, required_by):
    """Skip the test, saying message; or fail it, if the variable required_by is 1."""
    if os.environ.get(required_by) == '1':
        pytest.fail(f'{message} ({required_by}=1)', pytrace=False)
    pytest.skip(message)
