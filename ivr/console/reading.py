"""Sessions for the console's reports that never hold SQLite's write lock.

The hotline's engine starts every SQLite transaction with BEGIN IMMEDIATE so that two webhooks
of one call run in turn; a year's CSV export through it would hold up every caller for as long
as it streams. Reports read through their own engine whose transactions start deferred: with
WAL, a reader sees a steady snapshot and writers carry on beside it. PostgreSQL needs nothing
of the kind, so there the report session is the request's own.
"""

from flask import g
from sqlalchemy import create_engine, event
from sqlalchemy.orm import sessionmaker

from ..store import db
from ..store.db import _tune_sqlite


def _begin_deferred(connection):
    connection.exec_driver_sql("BEGIN")


class ReportReader:
    """Unbound until `init_app`; `reader.session` is this request's read-only report session."""

    def __init__(self):
        self.Session = None

    def init_app(self, app):
        url = app.config["DATABASE_URL"]
        if not url.startswith("sqlite"):
            self.Session = None
            return
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _tune_sqlite)
        event.listen(engine, "begin", _begin_deferred)
        self.Session = sessionmaker(engine, expire_on_commit=False)
        app.extensions["ivr_console_reader"] = engine
        app.teardown_appcontext(self._close)

    @property
    def session(self):
        if self.Session is None:
            return db.session
        if "console_reader" not in g:
            g.console_reader = self.Session()
        return g.console_reader

    def _close(self, _exc):
        session = g.pop("console_reader", None)
        if session is not None:
            session.close()


reader = ReportReader()
