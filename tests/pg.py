"""PostgreSQL for the tests that need it: TEST_DATABASE_URL, one schema per group of tests."""

import os

import pytest
from sqlalchemy import text

from ivr.store.db import make_engine
from ivr.store.migrate import upgrade

URL = os.environ.get("TEST_DATABASE_URL", "")
REASON = "TEST_DATABASE_URL is not set to a PostgreSQL database (.ci/run sets it when one answers)"


def fresh_schema(schema):
    """A URL whose tables live in `schema`, emptied and migrated; other schemas are left alone."""
    if not URL.startswith("postgresql"):
        pytest.skip(REASON)
    engine = make_engine(URL)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    scoped = URL + ("&" if "?" in URL else "?") + f"options=-csearch_path%3D{schema}"
    upgrade(scoped)
    return scoped
