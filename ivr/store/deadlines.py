"""Bounds on every wait for the database, so a hung server costs a caller seconds, not the call.

A PostgreSQL server that is stopped mid-flight (not down: its processes frozen, its kernel still
accepting bytes) never answers, and neither TCP nor the server's own statement_timeout notices.
So each bound is kept on our side too: connecting (`connect_timeout`), waiting for a pooled
connection (`pool_timeout`), and every wait for an answer (a psycopg connection whose `wait` gives
up after `answer_timeout` seconds of silence and closes itself, so SQLAlchemy throws it away). The
server's `statement_timeout` and `lock_timeout` end slow work cleanly before that backstop is reached.
"""

from contextlib import contextmanager
from dataclasses import dataclass, replace
from time import monotonic

import psycopg
from psycopg import errors
from sqlalchemy import event


@dataclass(frozen=True)
class Limits:
    """How long the app waits for its database (seconds unless the name says milliseconds)."""

    connect_timeout: int = 3
    pool_timeout: int = 3
    statement_timeout_ms: int = 3000
    lock_timeout_ms: int = 2000
    answer_timeout: float = 4
    sqlite_busy_timeout_ms: int = 5000
    pool_size: int = 10
    pool_overflow: int = 5

    @classmethod
    def from_config(cls, config, *, reports=False):
        """The webhooks' limits; with `reports`, the console's long reads get DB_REPORT_TIMEOUT."""
        limits = cls(
            connect_timeout=config["DB_CONNECT_TIMEOUT"],
            pool_timeout=config["DB_POOL_TIMEOUT"],
            statement_timeout_ms=config["DB_STATEMENT_TIMEOUT_MS"],
            lock_timeout_ms=config["DB_LOCK_TIMEOUT_MS"],
            answer_timeout=config["DB_ANSWER_TIMEOUT"],
            sqlite_busy_timeout_ms=config["SQLITE_BUSY_TIMEOUT_MS"],
            pool_size=config["DB_POOL_SIZE"],
            pool_overflow=config["DB_POOL_OVERFLOW"],
        )
        if reports:
            seconds = config["DB_REPORT_TIMEOUT"]
            limits = replace(limits, statement_timeout_ms=seconds * 1000, answer_timeout=seconds + 1)
        return limits


class DatabaseTimeout(psycopg.OperationalError):
    """The server gave no answer in time; the connection was closed and will be replaced."""


def bounded_connection(seconds):
    """A psycopg connection class that gives up once the server has been silent for `seconds`.

    Silence, not total time: a long bulk write whose results keep coming is not cut short (the
    server's statement_timeout bounds each statement), a frozen server is.
    """

    class BoundedConnection(psycopg.Connection):
        silence_limit = seconds  # per connection, a bulk job may lend its own more (`patience`)

        def wait(self, gen, interval=0.1, timeout=None):
            limit = self.silence_limit
            try:
                return super().wait(until_silent(gen, limit), interval=interval, timeout=timeout)
            except (DatabaseTimeout, errors._WaitTimeout):
                # Mid-protocol the connection cannot be used again: close it so the pool drops it.
                self.pgconn.finish()
                raise DatabaseTimeout(f"the database gave no answer within {limit:g} s") from None

    return BoundedConnection


@contextmanager
def patience(driver_connection, seconds):
    """Let one (pooled) connection wait up to `seconds` of silence, then the class's own limit again:
    a bulk job's merge answers nothing until it is done."""
    if not hasattr(driver_connection, "silence_limit"):  # an engine made without limits
        yield
        return
    driver_connection.silence_limit = seconds
    try:
        yield
    finally:
        del driver_connection.silence_limit


def until_silent(gen, seconds):
    """Pass psycopg's generator through, raising DatabaseTimeout after `seconds` without any progress.

    psycopg's wait loop sends READY_NONE (0) every `interval` while the socket stays quiet, and a
    ready state (read or write) when something moved.
    """
    deadline = monotonic() + seconds
    try:
        state = next(gen)
        while True:
            ready = yield state
            if ready:
                deadline = monotonic() + seconds
            elif monotonic() >= deadline:
                gen.close()
                raise DatabaseTimeout(f"the database gave no answer within {seconds:g} s")
            state = gen.send(ready)
    except StopIteration as stop:
        return stop.value


def bound_postgresql(engine, limits):
    """Connect through a bounded connection, with the server-side timeouts as connect options."""
    connection_class = bounded_connection(limits.answer_timeout)
    server = f"-c statement_timeout={limits.statement_timeout_ms} -c lock_timeout={limits.lock_timeout_ms}"

    @event.listens_for(engine, "do_connect")
    def connect(_dialect, _record, cargs, cparams):
        cparams.setdefault("connect_timeout", limits.connect_timeout)
        cparams["options"] = f"{cparams.get('options', '')} {server}".strip()
        return connection_class.connect(*cargs, **cparams)
