"""SQLite's one writer at a time, handed over at once.

Every webhook writes, and SQLite lets one connection write at a time. A connection that finds the
database locked sleeps in SQLite's busy handler, for 1, 2, 5, 10, then 15-100 ms at a time: under load
the lock was often free while every waiter slept, and the cores stood idle for a third of the time
(bench/webhooks.py). Writers now queue for the lock outside SQLite: a thread lock within the process
and an flock beside the database file between processes, both of which wake the next writer as soon
as the last one commits. The wait stays bounded (SQLITE_BUSY_TIMEOUT_MS, then a last 50 ms look at
SQLite's own lock), and SQLite's own locking is unchanged underneath, so a process that does not queue
here is still kept out safely.

The WAL is made durable after the turn is handed on, not while it is held. SQLite's default
(synchronous=FULL) fsyncs the WAL inside COMMIT, under the write lock: about 0.4 ms of every
webhook's hold on this project's machine, with the next writer waiting. Serving connections run
synchronous=NORMAL (COMMIT writes the WAL but does not sync it) and the committing thread fsyncs the
WAL itself once the lock is free, before its COMMIT returns: what a caller is told was done is on disk
as before, and other writers go on meanwhile. A checkpoint syncs the WAL before it copies frames into
the database file (also under NORMAL), so a commit whose frames have left the WAL was synced then.
A commit that only moved calls on is not synced at all (ivr/store/durability.py says why); the next
synced commit, or checkpoint, takes its frames to disk too.
"""

import fcntl
import os
import threading
import time
import weakref

from sqlalchemy import event

from ivr.store import durability

HELD = "ivr_sqlite_writer"
LAST_LOOK_MS = 50


class WriterTurn:
    """The turn to write in one SQLite database, for this process's threads and other processes."""

    def __init__(self, database_path, timeout_s):
        self.path = database_path + "-writer.lock"
        self.timeout_s = timeout_s
        self._fresh()
        # A forked child (a gunicorn worker) starts with a lock of its own and a file of its own: an
        # inherited descriptor would share the parent's flock, an inherited thread lock its state.
        me = weakref.ref(self)
        os.register_at_fork(after_in_child=lambda: (turn := me()) and turn._fresh())

    def _fresh(self):
        self.threads = threading.Lock()
        self.fd = None

    def _file(self):
        if self.fd is None:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        return self.fd

    def take(self):
        """Wait for the turn; False when it did not come in time (SQLite's own busy wait then decides)."""
        deadline = time.monotonic() + self.timeout_s
        if not self.threads.acquire(timeout=self.timeout_s):
            return False
        pause = 0.0001
        while True:
            try:
                fcntl.flock(self._file(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    self.threads.release()
                    return False
                time.sleep(pause)  # another process writes: look again soon, not in 10 ms
                pause = min(pause * 2, 0.0005)

    def give(self):
        fcntl.flock(self._file(), fcntl.LOCK_UN)
        self.threads.release()


def sync_file(path):
    """fsync a file by name: on Linux any descriptor of the file flushes all of its dirty pages."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        return  # no WAL: SQLite checkpointed it into the database file (synced) and removed it
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def queue_writers(engine, database_path, timeout_s, begin):
    """Run `begin` (BEGIN IMMEDIATE) in turn, hand the turn on when the transaction ends, then sync."""
    turn = WriterTurn(database_path, timeout_s)
    wal = database_path + "-wal"
    dialect = engine.dialect
    plain_commit, plain_rollback = dialect.do_commit, dialect.do_rollback

    @event.listens_for(engine, "connect")
    def _sync_outside_the_lock(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA synchronous=NORMAL")

    def hand_on(info):
        if info.pop(HELD, False):
            turn.give()

    @event.listens_for(engine, "begin")
    def _begin(connection):
        info = connection.connection.info
        hand_on(info)  # a turn left over by a transaction that never ended (defensive: not seen)
        if turn.take():
            info[HELD] = True
            begin(connection)
            return
        # The turn did not come within the busy timeout: a long write holds it (an import, say).
        # SQLite's own lock gets a short last look, not a second full wait, so the caller hears the
        # apology after one timeout, not two.
        raw = connection.connection.driver_connection
        raw.execute(f"PRAGMA busy_timeout={LAST_LOOK_MS}")
        try:
            begin(connection)
        finally:
            raw.execute(f"PRAGMA busy_timeout={round(timeout_s * 1000)}")

    durability.note_writes(engine)

    def ending(plain, *, committing):
        # After SQLite's own COMMIT or ROLLBACK, not before: the next writer must find it free.
        def end(connection):
            info = durability.info_of(connection)
            waits = durability.commit_waits(info)  # and forgets what the transaction wrote
            try:
                plain(connection)
            finally:
                hand_on(info)
            if committing and waits:
                sync_file(wal)

        return end

    dialect.do_commit = ending(plain_commit, committing=True)
    # Also the pool's reset of a connection handed back.
    dialect.do_rollback = ending(plain_rollback, committing=False)

    @event.listens_for(engine.pool, "invalidate")
    def _dropped(_dbapi_connection, record, _exception):
        hand_on(record.info)
