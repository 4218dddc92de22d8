"""Fixtures for the test modules, registered from tests/conftest.py (`pytest_plugins`).

Only fixtures live here (what needs set-up and tear-down: an app, a database, a server, a browser);
plain helpers are imported from tests/support like any other code.
"""
