"""Bring a database's schema to the newest Alembic revision."""

import os

from alembic import command
from alembic.config import Config

MIGRATIONS = os.path.join(os.path.dirname(__file__), "migrations")


def alembic_config(url):
    """An Alembic config for this project's migrations against `url`, without an ini file."""
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url, revision="head"):
    """Apply every migration not yet applied; safe to run again."""
    command.upgrade(alembic_config(url), revision)
