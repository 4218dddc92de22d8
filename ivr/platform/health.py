"""/healthz: the process answers. /readyz: it can serve calls (database reachable, schema at head).

A load balancer takes a host out of rotation on /readyz; a supervisor restarts a process only
when /healthz fails, so a database outage does not restart every web process at once.
"""

from flask import current_app, jsonify

from ivr.platform import database_check
from ivr.store import db
from ivr.store.migrate import schema_heads, stored_revisions


def readiness():
    """(ready, details): the database answers and its schema is the one this code expects.

    When not ready, `reason` is the line the web server and the scheduler refuse to start with.
    """
    expected, url = current_app.extensions["ivr_schema_heads"], current_app.config["DATABASE_URL"]
    try:
        current = stored_revisions(db.engine)
    except Exception as exc:  # any failure to reach the database means "not ready", with its kind and words
        return False, {"database": type(exc).__name__, "reason": database_check.unreachable(url, exc)}
    if current != expected:
        return False, {
            "database": "ok",
            "schema": "behind" if current else "empty",
            "revision": sorted(current),
            "expected": sorted(expected),
            "reason": database_check.schema_problem(url, current, expected),
        }
    return True, {"database": "ok", "schema": "ok"}


def refusal(app, *, tell=print):
    """None when `app`'s database can serve calls (after DATABASE_WAIT_SECONDS at most); else why not."""
    with app.app_context():
        return database_check.wait_until_ready(
            db.engine,
            app.config["DATABASE_URL"],
            app.extensions["ivr_schema_heads"],
            app.config["DATABASE_WAIT_SECONDS"],
            tell=tell,
        )


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
