"""Bring a database's schema to the newest Alembic revision."""

import os

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text

from ivr.store.db import make_engine

MIGRATIONS = os.path.join(os.path.dirname(__file__), "migrations")


def alembic_config(url):
    """An Alembic config for this project's migrations against `url`, without an ini file."""
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def schema_heads(url):
    """The newest revision(s) this release's migrations know."""
    return set(ScriptDirectory.from_config(alembic_config(url)).get_heads())


def stored_revisions(engine):
    """The Alembic revision(s) the database records (an empty set: never migrated)."""
    with engine.connect() as connection:
        # Alembic's own MigrationContext would log two lines per look: read its table.
        exists = engine.dialect.has_table(connection, "alembic_version")
        current = set(connection.scalars(text("SELECT version_num FROM alembic_version"))) if exists else set()
        connection.commit()  # not the implicit ROLLBACK: psycopg would drop the connection's prepared statements
    return current


def at_head(url):
    """True when the database at `url` is at this release's newest revision (an in-memory one never is)."""
    if url in ("sqlite://", "sqlite:///:memory:"):
        return False
    engine = make_engine(url)
    try:
        return stored_revisions(engine) == schema_heads(url)
    finally:
        engine.dispose()


def upgrade(url, revision="head"):
    """Apply every migration not yet applied; safe to run again, and silent when there is none."""
    if revision == "head" and at_head(url):
        return False
    command.upgrade(alembic_config(url), revision)
    return True
