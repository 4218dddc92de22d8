"""Sessions for the console's reports that never hold SQLite's write lock.

The hotline's engine starts every SQLite transaction with BEGIN IMMEDIATE so that two webhooks
of one call run in turn; a year's CSV export through it would hold up every caller for as long
as it streams. Reports read through their own engine whose transactions start deferred: with
WAL, a reader sees a steady snapshot and writers carry on beside it. On PostgreSQL the
report engine differs only in its time limits (DB_REPORT_TIMEOUT).
"""

from flask import g
from sqlalchemy import create_engine, event
from sqlalchemy.orm import sessionmaker

from ivr.store.db import make_engine, tune_sqlite
from ivr.store.deadlines import Limits


def _begin_deferred(connection):
    connection.exec_driver_sql("BEGIN")


class ReportReader:
    """Unbound until `init_app`; `reader.session` is this request's read-only report session."""

    def __init__(self):
        self.Session = None

    def init_app(self, app):
        url = app.config["DATABASE_URL"]
        if not url.startswith("sqlite"):
            # PostgreSQL: the same database, but a report may run longer than a webhook may wait
            # (DB_REPORT_TIMEOUT instead of DB_STATEMENT_TIMEOUT_MS).
            engine = make_engine(url, Limits.from_config(app.config, reports=True), pooled=False)
        else:
            engine = create_engine(url, connect_args={"check_same_thread": False})
            event.listen(engine, "connect", tune_sqlite(app.config["SQLITE_BUSY_TIMEOUT_MS"]))
            event.listen(engine, "begin", _begin_deferred)
        self.Session = sessionmaker(engine, expire_on_commit=False)
        app.extensions["ivr_console_reader"] = engine
        app.teardown_appcontext(self._close)

    @property
    def session(self):
        if "console_reader" not in g:
            g.console_reader = self.Session()
        return g.console_reader

    def _close(self, _exc):
        session = g.pop("console_reader", None)
        if session is not None:
            session.close()


reader = ReportReader()
