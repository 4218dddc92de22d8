"""The monthly service-level report over a month of a million calls: the page, the Excel workbook, a CSV
view and the wallboard, beside a same-run baseline (one grouped scan of the month's calls, no app).

python bench/service_report.py                         # SQLite file under /tmp, 1,000,000 calls in November
python bench/service_report.py --url postgresql://postgres@127.0.0.1:5432/test
python bench/service_report.py --calls 100000 --reuse  # smaller, or measure an already loaded database
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from sqlalchemy import func, insert, select, text  # noqa: E402

from bench.console import rss_mb, sign_in  # noqa: E402
from ivr import create_app  # noqa: E402
from ivr.calendar import clock  # noqa: E402
from ivr.console import accounts  # noqa: E402
from ivr.store import Base, Call, CallbackRequest, CallRating, Operator, QueueVisit, db  # noqa: E402
from ivr.store.migrate import upgrade  # noqa: E402
from ivr.store.service_rows import hour_of  # noqa: E402

MONTH_START = datetime(2026, 10, 31, 16, 0, tzinfo=UTC)  # 1 November, Asia/Shanghai
NOW = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)  # 30 November, 23:00 local
TARGETS = {"monthly report page": 1.0, "wallboard panel": 0.2}
OUTCOMES = [
    ("report_filed", 30),
    ("progress_told", 15),
    ("outlets_told", 6),
    ("report_cancelled", 4),
    ("operator_transfer", 25),
    ("abandoned", 15),
    ("callback_requested", 5),
]
VISIT_KEYS = ("bridged_at", "left_at", "talk_s", "operator_id", "result", "wrapup_code", "leaving_for")
TABLES = ("call_ratings", "callback_requests", "queue_visits", "call_events", "calls")


def rows(count, operators, seed=29):
    """Calls spread over the month by hour of day; a quarter reach the queue, most of those an operator."""
    rng = random.Random(seed)
    outcomes, weights = zip(*OUTCOMES, strict=True)
    hour_weights = [1, 1, 1, 1, 1, 2, 4, 8, 14, 16, 15, 12, 9, 12, 14, 13, 11, 9, 7, 6, 5, 4, 3, 2]
    span = int((NOW - MONTH_START).total_seconds()) // 3600
    calls, visits, callbacks, ratings = [], [], [], []
    for n in range(1, count + 1):
        day = rng.randrange(span // 24)
        started = MONTH_START + timedelta(days=day, hours=rng.choices(range(24), hour_weights)[0])
        started += timedelta(seconds=rng.randrange(3600))
        outcome = rng.choices(outcomes, weights)[0]
        calls.append(dict(id=n, call_sid=f"CA{n:032x}", outcome=outcome, started_at=started, duration_s=90))
        if outcome in ("operator_transfer", "abandoned", "callback_requested") and rng.random() < 0.9:
            wait = int(rng.expovariate(1 / 25))
            answered = outcome == "operator_transfer"
            joined = started + timedelta(seconds=60)
            visit = dict.fromkeys(VISIT_KEYS)
            visit.update(call_id=n, queue_name="hotline", came_from="", enqueued_at=joined, wait_s=wait)
            if answered:
                talk = rng.randint(60, 600)
                operator = rng.choice(operators)
                visit.update(
                    bridged_at=joined + timedelta(seconds=wait),
                    left_at=joined + timedelta(seconds=wait + talk),
                    talk_s=talk,
                    operator_id=operator,
                    result="bridged",
                    wrapup_code=rng.choice(("solved", "information_given", None)),
                )
                ratings.append(dict(call_id=n, asked_at=visit["left_at"], context="operator", operator_id=operator))
                ratings[-1]["score"] = rng.choice((1, 1, 1, 2, 3, None))
            else:
                leave = "asked_while_waiting" if outcome == "callback_requested" else None
                visit.update(
                    left_at=joined + timedelta(seconds=wait), leaving_for=leave, result="leave" if leave else "hangup"
                )
                if leave or wait >= 60:
                    status = rng.choice(("open", "reached", "unreached"))
                    tried = visit["left_at"] + timedelta(minutes=rng.randint(5, 400))
                    callbacks.append(
                        dict(
                            call_id=n,
                            created_at=visit["left_at"],
                            status=status,
                            first_attempt_at=None if status == "open" else tried,
                            closed_at=None if status == "open" else tried,
                            phone=f"+86139{n:08d}"[:14],
                            reason=leave or "lost_in_queue",
                            automatic=not leave,
                            due_by=visit["left_at"] + timedelta(hours=4),
                        )
                    )
            visits.append(visit)
        if len(calls) >= 50_000:
            yield calls, visits, callbacks, ratings
            calls, visits, callbacks, ratings = [], [], [], []
    yield calls, visits, callbacks, ratings


def load(engine, count, operators):
    """Empty the call tables and load `count` calls (secondary indexes dropped during the load)."""
    indexes = [ix for name in TABLES for ix in Base.metadata.tables[name].indexes]
    with engine.begin() as conn:
        for table in ("outgoing_messages", "preloss_reports", *TABLES):
            conn.execute(text(f"DELETE FROM {table}"))
        for index in indexes:
            index.drop(conn)
    for calls, visits, callbacks, ratings in rows(count, operators):
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(text("SET LOCAL statement_timeout = 0"))
            for model, batch in (
                (Call, calls),
                (QueueVisit, visits),
                (CallbackRequest, callbacks),
                (CallRating, ratings),
            ):
                if batch:
                    conn.execute(insert(model), batch)
    with engine.begin() as conn:
        for index in indexes:
            index.create(conn)
        conn.execute(text("ANALYZE"))


def timed(client, url, runs):
    times = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return times[0], statistics.median(times[1:]), response


def baseline(session, runs):
    """The least an hourly report does: one scan of the month's calls, grouped by hour and outcome."""
    hour = hour_of(session, Call.started_at)
    statement = (
        select(hour, Call.outcome, func.count())
        .where(Call.started_at >= MONTH_START, Call.started_at < MONTH_START + timedelta(days=30))
        .group_by(hour, Call.outcome)
    )
    times = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        session.execute(statement).all()
        times.append(time.perf_counter() - started)
        session.rollback()
    return statistics.median(times[1:])


def run(url, calls, runs=5, reuse=False):
    """Measure; returns the figures (also used by the smoke test at a tiny size)."""
    clock.set_source(lambda: NOW)
    upgrade(url)
    app = create_app(
        {"DATABASE_URL": url, "AUTO_MIGRATE": False, "IVR_DEMO_DATA": False, "SECRET_KEY": "bench", "TESTING": True}
    )
    with app.app_context(), db.new_session() as session:
        if session.scalar(select(Operator.id).where(Operator.name == "bench")) is None:
            accounts.create_operator(session, "bench", "supervisor", "bench-password", method="pbkdf2:sha256:1000")
            for n in range(20):
                accounts.create_operator(session, f"op{n}", "operator", "x" * 12, method="pbkdf2:sha256:1000")
            session.commit()
        operator_ids = session.scalars(select(Operator.id).where(Operator.name.like("op%"))).all()
    loaded = None
    if not reuse:
        started = time.perf_counter()
        load(db.engine, calls, operator_ids)
        loaded = time.perf_counter() - started
    client = app.test_client()
    sign_in(client)
    pages = {}
    for label, address in [
        ("monthly report page", "/console/reports/monthly?month=2026-11"),
        ("daily report page", "/console/reports/daily?day=2026-11-30"),
        ("CSV, days of the month", "/console/reports.csv?first=2026-11-01&last=2026-11-30&view=days"),
        ("wallboard panel", "/console/wallboard/panel"),
        ("dashboard, 30 days (existing page)", "/console/?first=2026-11-01&last=2026-11-30"),
    ]:
        first, median, _ = timed(client, address, runs)
        pages[label] = (first, median)
    before = rss_mb()
    started = time.perf_counter()
    workbook = client.get("/console/reports.xlsx?first=2026-11-01&last=2026-11-30")
    xlsx_seconds, grew = time.perf_counter() - started, rss_mb() - before
    assert workbook.status_code == 200
    with app.app_context(), db.new_session() as session:
        floor = baseline(session, runs)
    db.engine.dispose()
    return dict(
        database=db.engine.dialect.name,
        calls=calls,
        loaded_s=loaded,
        pages=pages,
        xlsx_s=xlsx_seconds,
        xlsx_bytes=len(workbook.data),
        xlsx_grew_mb=grew,
        baseline_s=floor,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="sqlite:////tmp/bench-service-report.sqlite3")
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--reuse", action="store_true", help="measure the database as it is, load nothing")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="also print a last line: JSON followed by the figures")
    args = parser.parse_args()
    found = run(args.url, args.calls, args.runs, args.reuse)
    if found["loaded_s"] is not None:
        print(f"loaded {args.calls:,} calls with their queue stays, callbacks and ratings in {found['loaded_s']:.0f} s")
    floor = found["baseline_s"]
    print(f"\n{found['database']}, {args.calls:,} calls in November 2026\n")
    print(f"{'page':<38} {'first ms':>9} {'median ms':>10} {'target':>8} {'× baseline':>11}")
    for label, (first, median) in found["pages"].items():
        target = TARGETS.get(label)
        verdict = "" if target is None else ("ok" if median < target else "SLOW")
        limit = f"< {target * 1000:.0f}" if target else ""
        print(f"{label:<38} {first * 1000:>9.0f} {median * 1000:>10.0f} {limit:>8} {median / floor:>11.2f} {verdict}")
    xlsx = found["xlsx_s"]
    print(
        f"{'Excel workbook, the month':<38} {xlsx * 1000:>9.0f} {'':>10} {'':>8} {xlsx / floor:>11.2f}"
        f"  {found['xlsx_bytes']:,} bytes; process grew {found['xlsx_grew_mb']:.1f} MB"
    )
    print(f"{'baseline: one grouped scan of the month':<38} {'':>9} {floor * 1000:>10.0f}")
    if args.json:
        print("JSON " + json.dumps(found))


if __name__ == "__main__":
    main()
