"""Which commits wait for the disk: what a caller is told was done, not where a call has got to.

Every webhook commits. Most only move their call on (its row and its log: the language chosen, a
menu key, the turn of the conversation); a few do what the caller is then told was done (a report
filed, a card suspended, an SMS queued, a wrong PIN counted towards a lockout). A commit that waits
for the disk's flush waits through the disk's worst moments: on the project's machine an fsync
takes 0.5 ms, but under load a probe beside the benchmark saw 20 of 1,100 over 30 ms in 25 s (the
worst 356 ms), and every webhook in flight then waited together (bench/webhooks.py at 200 callers:
p99 300-550 ms against 10-25 ms of work in the app). A transaction that wrote nothing but
PROGRESS_TABLES now commits without waiting: PostgreSQL's asynchronous commit for that transaction
alone (SET LOCAL synchronous_commit), and on SQLite no fsync of the WAL (ivr/store/sqlite_writer.py).
Everything else waits as before, and so does anything this module cannot classify (SQL text that
does not name what it writes, a statement through the driver itself).

What a crash can cost: both stay consistent, and other sessions see such a commit at once. Only a
crash of the database's host (not of a web process) can lose the last fraction of a second of them
(PostgreSQL: up to 3 x wal_writer_delay): a call then in progress finds itself a few keys back,
in a hotline whose database has just gone down. A commit that waits flushes every commit before it,
so nothing a caller was told was done ever rests on one that was lost.
"""

from sqlalchemy import event

PROGRESS_TABLES = frozenset({"calls", "call_events"})
WRITES = "ivr_writes"  # the pooled connection's info: what its open transaction has written
PROGRESS, OTHER = "progress", "other"
# First words of statements that write nothing (a row lock taken by SELECT ... FOR UPDATE included).
READS = frozenset({"SELECT", "BEGIN", "SAVEPOINT", "RELEASE", "ROLLBACK", "COMMIT", "PRAGMA", "SET", "SHOW"})


def kind_of(statement, context):
    """PROGRESS or OTHER for a statement that writes, None for one that does not.

    SQL text is taken to write anything unless it names what it writes: `writes_tables` in its
    execution options (calls.call_update_with_events)."""
    if context is not None:
        declared = context.execution_options.get("writes_tables")
        if declared is not None:
            return PROGRESS if PROGRESS_TABLES.issuperset(declared) else OTHER
        if context.isinsert or context.isupdate or context.isdelete:
            table = getattr(context.compiled.statement, "table", None)
            return PROGRESS if getattr(table, "name", None) in PROGRESS_TABLES else OTHER
    words = statement.split(None, 1)
    return None if words and words[0].upper() in READS else OTHER


def note_writes(engine):
    """Keep, per connection, whether its transaction wrote more than its calls' progress."""

    @event.listens_for(engine, "before_cursor_execute")
    def _note(connection, _cursor, statement, _parameters, context, _executemany):
        info = connection.info
        if info.get(WRITES) != OTHER:
            kind = kind_of(statement, context)
            if kind is not None:
                info[WRITES] = kind


def info_of(connection):
    """The pooled connection's info dict; {} for the bare connection SQLAlchemy probes on first connect."""
    try:
        return connection.info
    except (AttributeError, NotImplementedError):
        return {}


def commit_waits(info):
    """Must this commit wait for the disk? Yes unless its transaction wrote only calls' progress.

    It also forgets what the transaction wrote: ask once as each transaction ends.
    """
    return info.pop(WRITES, None) != PROGRESS


def progress_without_waiting_for_disk(engine):
    """PostgreSQL: a transaction that moved calls on and wrote nothing else commits asynchronously."""
    note_writes(engine)
    dialect = engine.dialect
    plain_commit, plain_rollback = dialect.do_commit, dialect.do_rollback

    def do_commit(connection):
        if not commit_waits(info_of(connection)):
            without_waiting(connection.driver_connection)
        plain_commit(connection)

    def do_rollback(connection):
        commit_waits(info_of(connection))  # forgotten: the next transaction starts afresh
        plain_rollback(connection)

    dialect.do_commit, dialect.do_rollback = do_commit, do_rollback


def without_waiting(driver_connection):
    """This transaction's COMMIT returns before its WAL is flushed (it reverts at the COMMIT)."""
    driver_connection.execute("SET LOCAL synchronous_commit TO OFF")
