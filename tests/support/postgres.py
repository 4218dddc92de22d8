"""PostgreSQL for the tests that need it (TEST_DATABASE_URL): a schema of their own, dropped afterwards.

A schema's name carries the pid of the pytest process that made it, so xdist workers and two checkouts
running the suite at once on one server never share (or drop) each other's tables.
"""

import os

import pytest
from sqlalchemy import text

from ivr.store.db import make_engine
from ivr.store.migrate import upgrade

SKIP_REASON = "TEST_DATABASE_URL is not set to a PostgreSQL database (.ci/run sets it when one answers)"


class Schemas:
    """The schemas this process made on the server at TEST_DATABASE_URL; `drop_all` removes them."""

    def __init__(self, url):
        self.url, self.made = url, set()

    @property
    def available(self):
        return self.url.startswith("postgresql")

    def require(self):
        """The server's URL, or a skip saying how to get one."""
        if not self.available:
            pytest.skip(SKIP_REASON)
        return self.url

    def name(self, base):
        """`base` made this process's own; it is dropped at the end of the session."""
        name = f"{base}_p{os.getpid()}"
        self.made.add(name)
        return name

    def scoped(self, schema):
        return self.url + ("&" if "?" in self.url else "?") + f"options=-csearch_path%3D{schema}"

    def fresh(self, base, *, migrate=True):
        """A URL whose tables live in an emptied schema of this process's own, migrated unless told."""
        self.require()
        schema = self.name(base)
        self._run(f"DROP SCHEMA IF EXISTS {schema} CASCADE", f"CREATE SCHEMA {schema}")
        url = self.scoped(schema)
        if migrate:
            upgrade(url)
        return url

    def drop_all(self):
        if self.made:
            # A bound on the locks: a connection some test leaked must not hang the end of the run.
            self._run("SET lock_timeout = '10s'", *(f"DROP SCHEMA IF EXISTS {s} CASCADE" for s in sorted(self.made)))
            self.made.clear()

    def _run(self, *statements):
        engine = make_engine(self.url)
        try:
            with engine.begin() as connection:
                for statement in statements:
                    connection.execute(text(statement))
        finally:
            engine.dispose()
