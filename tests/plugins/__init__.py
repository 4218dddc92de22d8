"""Fixtures for the test modules, registered from tests/conftest.py (`pytest_plugins`).

Most helpers are plain functions; `helper_fixtures` serves each as a fixture of the same name, so a test
asks for `file_report` as it asks for `app`, and no test module imports a helper.
"""

import pytest


def helper_fixtures(*helpers):
    """{attribute name: fixture} for a plugin module's globals: each fixture returns its helper."""

    def serve(helper):
        return pytest.fixture(name=helper.__name__)(lambda: helper)

    return {f"_{helper.__name__}_fixture": serve(helper) for helper in helpers}
