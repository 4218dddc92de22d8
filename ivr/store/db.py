"""Engine and sessions: one session per request (closed in teardown), one per job."""

from contextlib import contextmanager

from flask import g
from sqlalchemy import create_engine, event
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import NullPool

from ivr.store.deadlines import Limits, bound_postgresql
from ivr.store.durability import progress_without_waiting_for_disk
from ivr.store.sqlite_writer import queue_writers


def tune_sqlite(busy_timeout_ms):
    """The connect hook for SQLite, with a writer waiting at most `busy_timeout_ms` for another."""

    def tune(dbapi_connection, _record):
        # WAL lets readers go on while one writes; the busy timeout makes a writer wait for the
        # other instead of failing at once (bounded: a caller must hear something within seconds).
        # The driver's own transaction handling is switched off so that _begin_immediate decides
        # how a transaction starts.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return tune


_tune_sqlite = tune_sqlite(Limits.sqlite_busy_timeout_ms)


def _begin_immediate(connection):
    # SQLite's stand-in for SELECT ... FOR UPDATE: a transaction takes the write lock when it
    # starts, so two webhooks of one call (a Twilio retry) run one after the other.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _begin_deferred(connection):
    # A plain BEGIN: SQLite takes no lock until the first write, and WAL readers never wait.
    connection.exec_driver_sql("BEGIN")


def _read_only(dbapi_connection, _record):
    # A session that is meant only to read cannot write by mistake: a write fails at once with
    # SQLITE_READONLY (webhook.answer_unlocked takes that as "this step must run under the lock").
    dbapi_connection.execute("PRAGMA query_only=ON")


def writes_refused(exc):
    """True for the error a read-only SQLite session raises when something tries to write."""
    return getattr(getattr(exc, "orig", None), "sqlite_errorname", None) == "SQLITE_READONLY"


def pool_size(limits):
    return {"pool_size": limits.pool_size, "max_overflow": limits.pool_overflow}


def serves_requests(url, limits):
    """A SQLite file the app or the scheduler works in (not a migration's, not an in-memory test's)."""
    return limits is not None and url not in ("sqlite://", "sqlite:///:memory:")


def snapshot_engine(url, limits, *, pooled):
    """SQLite: an engine that only reads, each transaction a deferred BEGIN on a WAL snapshot.

    It never takes the write lock, so writers carry on beside it: the webhooks' reads before they
    lock (`Database.reading`) and the console's reports (ivr/store/report_reader.py) use it.
    """
    pool = pool_size(limits) if pooled else {}
    engine = create_engine(url, connect_args={"check_same_thread": False}, **pool)
    event.listen(engine, "connect", tune_sqlite(limits.sqlite_busy_timeout_ms))
    event.listen(engine, "connect", _read_only)
    event.listen(engine, "begin", _begin_deferred)
    return engine


def make_engine(url, limits=None, *, pooled=True):
    """An engine for the URL; with `limits` (Limits) every wait for the database is bounded.

    Without limits (migrations, test set-up) nothing is cut short: a migration may take long.
    `pooled=False` opens a connection per session (occasional console reports).
    """
    if url.startswith("sqlite"):
        serving = serves_requests(url, limits)
        pool = pool_size(limits) if serving else {}  # an in-memory database keeps its own pool
        engine = create_engine(url, connect_args={"check_same_thread": False}, **pool)
        busy = limits.sqlite_busy_timeout_ms if limits else 10000
        event.listen(engine, "connect", tune_sqlite(busy))
        if serving:  # writers queue for their turn (sqlite_writer.py)
            queue_writers(engine, engine.url.database, busy / 1000, _begin_immediate)
        else:
            event.listen(engine, "begin", _begin_immediate)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    # No pre-ping: it costs a round trip per request. A connection the server dropped fails
    # once, SQLAlchemy then invalidates the pool, and voice_step runs that step again.
    if limits is None:
        return create_engine(url, pool_recycle=1800)
    pool = (
        {
            "pool_recycle": 1800,
            "pool_use_lifo": True,  # the busiest few connections keep their prepared statements warm
            "pool_timeout": limits.pool_timeout,
            **pool_size(limits),
        }
        if pooled
        else {"poolclass": NullPool}
    )
    engine = create_engine(url, **pool)
    if engine.dialect.name == "postgresql":
        bound_postgresql(engine, limits)
        progress_without_waiting_for_disk(engine)
    return engine


class Database:
    """Unbound until `init_app`; `db.session` is the current request's session."""

    def __init__(self):
        self.engine = None
        self.Session = None
        self.ReadSession = None
        self.single_writer = False  # SQLite: one writer at a time for the whole database

    def init_app(self, app):
        url, limits = app.config["DATABASE_URL"], Limits.from_config(app.config)
        self.engine = make_engine(url, limits)
        self.Session = sessionmaker(self.engine, expire_on_commit=False)
        self.ReadSession = sessionmaker(self._read_engine(url, limits), expire_on_commit=False)
        self.single_writer = url.startswith("sqlite") and serves_requests(url, limits)
        app.extensions["ivr_db"] = self
        # A request may run inside an app context that outlives it (tests, CLI): close at both.
        app.teardown_request(self._close)
        app.teardown_appcontext(self._close)

    def _read_engine(self, url, limits):
        """SQLite: a second engine whose transactions start deferred. Elsewhere: the same engine."""
        if not url.startswith("sqlite"):
            return self.engine
        return snapshot_engine(url, limits, pooled=serves_requests(url, limits))

    @contextmanager
    def reading(self):
        """A short session that takes no write lock and no row lock: read and decide, then lock.

        It ends with COMMIT, not ROLLBACK, though it wrote nothing: psycopg forgets every prepared
        statement of a connection that rolls back (and has the server deallocate them all), so a
        ROLLBACK per password check kept the pool's connections re-parsing the webhooks' statements.
        """
        session = self.ReadSession()
        try:
            yield session
            session.commit()
        finally:
            session.close()  # after an error, closing rolls back

    @property
    def session(self):
        if "db_session" not in g:
            g.db_session = self.Session()
        return g.db_session

    def _close(self, _exc):
        session = g.pop("db_session", None)
        if session is not None:
            session.close()

    @contextmanager
    def new_session(self):
        """A session of its own for a job or a command: committed on success, else rolled back."""
        session = self.Session()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()


db = Database()
