"""SQLite's writers queue for their turn outside SQLite (ivr/store/sqlite_writer.py), and a turn nobody
hands back cannot hang a call: the write goes ahead under SQLite's own lock after SQLITE_BUSY_TIMEOUT_MS."""

import subprocess
import sys

from sqlalchemy import func, select

from ivr.store import Cardholder, db


def test_a_turn_held_elsewhere_falls_back_to_sqlites_own_lock(app_config, clock, tmp_path):
    from ivr import create_app

    path = tmp_path / "held.sqlite3"
    app = create_app(
        {**app_config, "DATABASE_URL": f"sqlite:///{path}", "SQLITE_BUSY_TIMEOUT_MS": 300, "AUTO_MIGRATE": True}
    )
    # Another process takes the writers' turn and never hands it back (a process stopped mid-write).
    holder = subprocess.Popen(
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
        with app.app_context(), db.new_session() as session:
            session.add(
                Cardholder(
                    id_hash="h" * 64,
                    id_masked="1101**********0000",
                    area_code="110101",
                    name="Wait",
                    mobile="+8613800000000",
                    password_hash="x",
                )
            )
        with app.app_context(), db.new_session() as session:
            assert session.scalar(select(func.count()).select_from(Cardholder).where(Cardholder.name == "Wait")) == 1
        assert holder.poll() is None, "the write waited for the turn's holder to go away"
    finally:
        holder.kill()
        holder.wait(timeout=30)
        holder.stdout.close()
        db.engine.dispose()


def test_a_worker_forked_while_the_turn_was_taken_gets_it_once_it_is_free(tmp_path):
    # gunicorn forks its workers: a child must not inherit a thread lock that was held at the fork
    # (its holder does not exist in the child, so nobody would ever free it), nor the parent's flock.
    import os

    from ivr.store.sqlite_writer import WriterTurn

    turn = WriterTurn(str(tmp_path / "forked.sqlite3"), 2)
    assert turn.take()
    child = os.fork()
    if child == 0:
        took = turn.take()  # waits for the parent's flock, then takes it
        os._exit(0 if took else 1)
    turn.give()
    _, status = os.waitpid(child, 0)
    assert status == 0
