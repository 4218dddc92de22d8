"""SQLite's writers queue for their turn outside SQLite (ivr/store/sqlite_writer.py), and a turn nobody
hands back cannot hang a call: the write goes ahead under SQLite's own lock after SQLITE_BUSY_TIMEOUT_MS."""

import os
import sqlite3
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from ivr import create_app
from ivr.store import Cardholder, db
from ivr.store.sqlite_writer import WriterTurn
from tests.support import processes

BUSY_MS = 1500


def a_cardholder(name):
    return Cardholder(
        id_hash=name[0].lower() * 64,
        id_masked="1101**********0000",
        area_code="110101",
        name=name,
        mobile="+8613800000000",
        password_hash="x",
    )


@pytest.fixture
def turn_held_elsewhere(app_config, clock, tmp_path):
    """(app, path): the app on a file database whose writers' turn another process has taken and keeps
    (a process stopped mid-write)."""
    path = tmp_path / "held.sqlite3"
    app = create_app(
        {**app_config, "DATABASE_URL": f"sqlite:///{path}", "SQLITE_BUSY_TIMEOUT_MS": BUSY_MS, "AUTO_MIGRATE": True}
    )
    holder = processes.start(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT); "
            "fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); time.sleep(60)",
            f"{path}-writer.lock",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        yield app, path
        assert holder.poll() is None, "the holder went away: the test proved nothing"
    finally:
        processes.kill(holder)
        db.engine.dispose()


def test_a_turn_held_elsewhere_falls_back_to_sqlites_own_lock(turn_held_elsewhere):
    app, _path = turn_held_elsewhere
    with app.app_context(), db.new_session() as session:
        session.add(a_cardholder("Wait"))
    with app.app_context(), db.new_session() as session:
        assert session.scalar(select(func.count()).select_from(Cardholder).where(Cardholder.name == "Wait")) == 1


def test_a_write_kept_out_by_a_long_one_gives_up_after_one_timeout_not_two(turn_held_elsewhere):
    # An import holds both the turn and SQLite's lock: a webhook must give up (and the caller hear the
    # apology) after SQLITE_BUSY_TIMEOUT_MS, not wait that long for the turn and as long again in SQLite.
    app, path = turn_held_elsewhere
    writer = sqlite3.connect(path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        started = time.monotonic()
        with pytest.raises(OperationalError, match="locked"), app.app_context(), db.new_session() as session:
            session.execute(select(func.count()).select_from(Cardholder))
        waited = time.monotonic() - started
    finally:
        writer.rollback()
        writer.close()
    assert BUSY_MS / 1000 - 0.1 < waited < 1.6 * BUSY_MS / 1000, waited  # one timeout and a last look, not two


def test_a_worker_forked_while_the_turn_was_taken_gets_it_once_it_is_free(tmp_path):
    # gunicorn forks its workers: a child must not inherit a thread lock that was held at the fork
    # (its holder does not exist in the child, so nobody would ever free it), nor the parent's flock.
    turn = WriterTurn(str(tmp_path / "forked.sqlite3"), 2)
    assert turn.take()
    child = os.fork()
    if child == 0:
        took = turn.take()  # waits for the parent's flock, then takes it
        os._exit(0 if took else 1)
    turn.give()
    _, status = os.waitpid(child, 0)
    assert status == 0


def test_a_commit_is_on_disk_before_it_returns_and_the_next_writer_does_not_wait_for_the_disk(
    app_config, tmp_path, monkeypatch
):
    # What a caller is told was done must survive a power cut, so COMMIT returns only once the WAL is
    # synced; but the sync (~0.4 ms here) happens after the write lock is free, not under it.
    path = tmp_path / "durable.sqlite3"
    app = create_app({**app_config, "DATABASE_URL": f"sqlite:///{path}", "AUTO_MIGRATE": True})
    synced = []  # (file synced, could another writer take the lock meanwhile)
    plain_fsync = os.fsync

    def fsync(fd):
        other = sqlite3.connect(path, isolation_level=None, timeout=0)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            free = True
        except sqlite3.OperationalError:
            free = False
        finally:
            other.close()
        synced.append((os.readlink(f"/proc/self/fd/{fd}"), free))
        plain_fsync(fd)

    try:
        with app.app_context():
            monkeypatch.setattr(os, "fsync", fsync)
            with db.new_session() as session:
                session.add(a_cardholder("Durable"))
                session.flush()
                assert synced == []  # nothing is synced before the commit
            assert synced == [(f"{path}-wal", True)]
    finally:
        with app.app_context():
            db.engine.dispose()
