"""Sessions for the console's reports that never hold SQLite's write lock.

The hotline's engine starts every SQLite transaction with BEGIN IMMEDIATE so that two webhooks
of one call run in turn; a year's CSV export through it would hold up every caller for as long
as it streams. Reports read through their own engine whose transactions start deferred
(`snapshot_engine`, the same one the webhooks read through before they lock): with WAL, a reader
sees a steady snapshot and writers carry on beside it. On PostgreSQL the report engine differs
only in its time limits (DB_REPORT_TIMEOUT).
"""

from flask import g
from sqlalchemy.orm import sessionmaker

from ivr.store.db import make_engine, snapshot_engine
from ivr.store.deadlines import Limits


class ReportReader:
    """Unbound until `init_app`; `reader.session` is this request's read-only report session."""

    def __init__(self):
        self.Session = None

    def init_app(self, app):
        url = app.config["DATABASE_URL"]
        limits = Limits.from_config(app.config, reports=True)
        if url.startswith("sqlite"):
            engine = snapshot_engine(url, limits, pooled=False)
        else:
            # PostgreSQL: the same database, but a report may run longer than a webhook may wait
            # (DB_REPORT_TIMEOUT instead of DB_STATEMENT_TIMEOUT_MS).
            engine = make_engine(url, limits, pooled=False)
        self.Session = sessionmaker(engine, expire_on_commit=False)
        app.extensions["ivr_report_reader"] = engine
        app.teardown_appcontext(self._close)

    @property
    def session(self):
        if "report_reader" not in g:
            g.report_reader = self.Session()
        return g.report_reader

    def _close(self, _exc):
        session = g.pop("report_reader", None)
        if session is not None:
            session.close()


reader = ReportReader()
