"""Benchmark: queue N due reminders and drain them through a gateway that accepts instantly.

    python bench/reminders.py [--rows 100000] [--postgres URL] [--chunk N] [--only sqlite|postgres]

Prints messages per second and the peak memory of each sender process, for SQLite (1 sender)
and PostgreSQL (1 and 2 senders; URL from --postgres or BENCH_DATABASE_URL), beside a same-run
baseline: a plain INSERT ... SELECT of the same rows into a bare table, and the ratio to it. Quiet hours are
switched off so the wall clock of the run does not matter. Not a test: numbers, not verdicts.
"""

import argparse
import json
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from datetime import timedelta

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from sqlalchemy import func, insert, select, text  # noqa: E402

from ivr import create_app  # noqa: E402
from ivr.calendar import clock
from ivr.store import OutgoingMessage, db  # noqa: E402
from ivr.store.migrate import upgrade  # noqa: E402

CHUNK = 5000


class InstantGateway:
    def send(self, envelope):
        return f"SM{envelope.id:032d}"

    def lookup(self, envelope, since):
        return None


CHUNK_SETTING = {}


def config_for(url):
    return {
        "DATABASE_URL": url,
        "AUTO_MIGRATE": False,
        "IVR_DEMO_DATA": False,
        "SMS_QUIET_HOURS": "",
        "SMS_BACKEND": "console",
        "TESTING": True,
        **CHUNK_SETTING,
    }


def prepare(url, rows):
    """A migrated database holding exactly `rows` due reminders and nothing else in the outbox."""
    upgrade(url)
    app = create_app(config_for(url))
    with app.app_context():
        with db.engine.begin() as connection:
            connection.execute(text("DELETE FROM outgoing_messages"))
        due = clock.now() - timedelta(minutes=1)
        for start in range(0, rows, CHUNK):
            batch = [
                dict(
                    kind="formal_report_reminder",
                    subject=f"report:{n}",
                    occurrence=1,
                    to_number=f"+86138{n:08d}",
                    language="zh",
                    body=f"【热线】提醒 {n}",
                    due_at=due,
                    state="pending",
                    attempts=0,
                    created_at=due,
                )
                for n in range(start, min(rows, start + CHUNK))
            ]
            with db.new_session() as session:
                session.execute(insert(OutgoingMessage), batch)
    db.engine.dispose()


def sender(url, name, results, chunk):
    from scheduler.jobs import dispatch_messages

    if chunk:
        CHUNK_SETTING["SMS_HANDOVER_CHUNK"] = chunk
    app = create_app(config_for(url))
    started = time.time()  # wall clock: comparable across processes; start-up is not throughput
    sent = dispatch_messages(app, gateway=InstantGateway(), sender=name)
    finished = time.time()
    db.engine.dispose()
    results.put((started, finished, sent, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def drain(url, senders, chunk):
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    processes = [context.Process(target=sender, args=(url, f"bench-{n}", results, chunk)) for n in range(senders)]
    for process in processes:
        process.start()
    reports = [results.get() for _ in processes]
    for process in processes:
        process.join()
    elapsed = max(report[1] for report in reports) - min(report[0] for report in reports)
    return elapsed, reports


def check(url, rows):
    app = create_app(config_for(url))
    with app.app_context(), db.new_session() as session:
        counts = dict(
            session.execute(select(OutgoingMessage.state, func.count()).group_by(OutgoingMessage.state)).all()
        )
    db.engine.dispose()
    if counts != {"sent": rows}:
        raise SystemExit(f"not every message was sent exactly once: {counts}")


def baseline(url):
    """The same-run floor: a plain INSERT ... SELECT of the same outbox rows into a bare table."""
    app = create_app(config_for(url))
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS plain_outbox"))
        connection.execute(text("CREATE TABLE plain_outbox AS SELECT * FROM outgoing_messages WHERE 1 = 0"))
    with app.app_context(), db.engine.begin() as connection:
        started = time.perf_counter()
        rows = connection.execute(text("INSERT INTO plain_outbox SELECT * FROM outgoing_messages")).rowcount
        seconds = time.perf_counter() - started
        connection.execute(text("DROP TABLE plain_outbox"))
    db.engine.dispose()
    return rows / seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--postgres", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--chunk", type=int, default=None, help="SMS_HANDOVER_CHUNK (default: the app's)")
    parser.add_argument("--only", choices=["sqlite", "postgres"], default=None)
    parser.add_argument("--json", action="store_true", help="one JSON list on stdout instead of the table")
    args = parser.parse_args()
    say = (lambda *a, **k: None) if args.json else print
    found = []
    runs = []
    with tempfile.TemporaryDirectory() as folder:
        if args.only != "postgres":
            runs.append(("SQLite", "sqlite:///" + os.path.join(folder, "bench.sqlite3"), 1))
        if args.postgres and args.only != "sqlite":
            runs += [("PostgreSQL", args.postgres, 1), ("PostgreSQL", args.postgres, 2)]
        say(
            f"{'database':<11} {'senders':>7} {'messages':>9} {'seconds':>8} {'msg/s':>8} {'peak MiB/sender':>16}"
            f" {'plain INSERT...SELECT rows/s':>29} {'ratio':>6}"
        )
        for label, url, senders in runs:
            prepare(url, args.rows)
            floor = baseline(url)
            elapsed, reports = drain(url, senders, args.chunk)
            check(url, args.rows)
            peak = max(report[3] for report in reports)
            rate = args.rows / elapsed
            found.append(
                {
                    "database": label,
                    "senders": senders,
                    "rows": args.rows,
                    "msg_per_s": rate,
                    "baseline_rows_per_s": floor,
                    "ratio": rate / floor,
                    "peak_mib": peak,
                }
            )
            say(
                f"{label:<11} {senders:>7} {args.rows:>9} {elapsed:>8.1f} {rate:>8.0f} {peak:>16.1f}"
                f" {floor:>29.0f} {rate / floor:>6.3f}",
                flush=True,
            )
    if args.json:
        print(json.dumps(found))


if __name__ == "__main__":
    main()
