"""Alembic environment: the URL comes from the caller (ivr.store.migrate) or DATABASE_URL."""

import os

from alembic import context

from ivr.store import Base
from ivr.store.db import make_engine
from ivr.store.migrations.legacy_ids import translate

config = context.config
url = config.get_main_option("sqlalchemy.url") or os.environ.get("DATABASE_URL")
if not url:
    raise SystemExit("Set DATABASE_URL, or run `flask --app app db upgrade`.")


def run_migrations_online():
    connectable = config.attributes.get("connection")
    if connectable is not None:
        translate(connectable)  # inside the caller's transaction, which Alembic's runs in too
        _run(connectable)
        return
    engine = make_engine(url)
    with engine.connect() as connection:
        translate(connection)
        connection.commit()  # the renamed id is what Alembic reads next
        _run(connection)
    engine.dispose()


def _run(connection):
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
