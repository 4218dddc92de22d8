"""/healthz: the process answers. /readyz: it can serve calls (database reachable, schema at head).

A load balancer takes a host out of rotation on /readyz; a supervisor restarts a process only
when /healthz fails, so a database outage does not restart every web process at once.
"""

from alembic.script import ScriptDirectory
from flask import current_app, jsonify
from sqlalchemy import text

from ivr.store import db
from ivr.store.migrate import alembic_config


def schema_heads(url):
    """The newest revision(s) this release's migrations know."""
    return set(ScriptDirectory.from_config(alembic_config(url)).get_heads())


def readiness():
    """(ready, details): the database answers and its schema is the one this code expects."""
    expected = current_app.extensions["ivr_schema_heads"]
    try:
        with db.engine.connect() as connection:
            # Alembic's own MigrationContext would log two lines per probe: read its table.
            exists = db.engine.dialect.has_table(connection, "alembic_version")
            current = set(connection.scalars(text("SELECT version_num FROM alembic_version"))) if exists else set()
            connection.commit()  # not the implicit ROLLBACK: psycopg would drop the connection's prepared statements
    except Exception as exc:  # any failure to reach the database means "not ready", with its kind
        return False, {"database": type(exc).__name__}
    if current != expected:
        return False, {
            "database": "ok",
            "schema": "behind" if current else "empty",
            "revision": sorted(current),
            "expected": sorted(expected),
        }
    return True, {"database": "ok", "schema": "ok"}


def init_health(app):
    app.extensions["ivr_schema_heads"] = schema_heads(app.config["DATABASE_URL"])

    @app.get("/healthz")
    def healthz():
        """Alive: this process answers requests (it does not touch the database)."""
        return jsonify(status="ok")

    @app.get("/readyz")
    def readyz():
        """Ready: 200 when calls can be served; 503 saying what is missing otherwise."""
        ready, details = readiness()
        return jsonify(status="ok" if ready else "unavailable", **details), 200 if ready else 503
