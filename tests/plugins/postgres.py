"""PostgreSQL for the tests that need it (TEST_DATABASE_URL): a schema of their own, dropped afterwards.

A schema's name carries the pid of the pytest process that made it, so xdist workers and two checkouts
running the suite at once on one server never share (or drop) each other's tables.
"""

import os

import pytest

from tests.support.postgres import Schemas


@pytest.fixture(scope="session")
def pg_schemas():
    """Every PostgreSQL schema the session makes, dropped when it ends."""
    schemas = Schemas(os.environ.get("TEST_DATABASE_URL", ""))
    yield schemas
    schemas.drop_all()


@pytest.fixture
def fresh_schema(pg_schemas):
    """`fresh_schema(name)`: a URL on a freshly migrated schema of this run's own, or a skip saying why."""
    return pg_schemas.fresh


@pytest.fixture
def pg_server(pg_schemas):
    """TEST_DATABASE_URL itself (for tools that take a server and a schema), or a skip saying why."""
    return pg_schemas.require()
