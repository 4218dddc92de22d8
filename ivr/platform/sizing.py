"""Threads per web worker, by database: one rule for gunicorn.conf.py and `python app.py`."""


def threads_per_worker(database_url):
    """1 on SQLite, 2 elsewhere (an unset URL is the embedded SQLite database).

    SQLite lets one connection write at a time, for the whole database. A second thread in the
    same worker mostly ran Python while the first held that lock and waited for the GIL to write
    and commit, so the lock was held longer than its work took. One thread per worker, a worker
    per core, served more (bench/webhooks.py, 50 callers, 2 cores, run in turn twice: 0.31 and
    0.33 of the bare endpoint with 2 x 1 against 0.28 and 0.30 with 2 x 2). PostgreSQL locks one
    call's row, not the database, and a second thread runs while the first waits on the server:
    2 x 2 and 2 x 1 served alike there (0.26-0.30), and 2 keeps a far database's waits covered.
    """
    return 1 if (database_url or "sqlite").startswith("sqlite") else 2
