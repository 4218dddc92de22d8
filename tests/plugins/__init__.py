"""Fixtures for the test modules, registered from tests/conftest.py (`pytest_plugins`).

Most helpers are plain functions; each plugin module serves them as fixtures of the same name
(`fixture_file_report = as_fixture(file_report)`), so a test asks for `file_report` as it asks
for `app`, and no test module imports a helper.
"""

import pytest


def as_fixture(helper):
    """A fixture named after `helper` that gives the helper itself (pytest's "factory as fixture")."""
    return pytest.fixture(name=helper.__name__)(lambda: helper)
