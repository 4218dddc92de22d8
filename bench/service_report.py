"""The monthly service-level report over a month of a million calls, read from the hours' sums: the page,
the Excel workbook, a CSV view, the daily report and the wallboard, beside a same-run baseline (one
grouped scan of the month's calls, no app) and the same month counted from the calls (as before the
sums); what summing the month costs the scheduler; and the exports' memory (tracemalloc peak) against
how many rows they hold.

python bench/service_report.py                         # SQLite file under /tmp, 1,000,000 calls in November
python bench/service_report.py --url postgresql://postgres@127.0.0.1:5432/test   # a fresh schema there
python bench/service_report.py --calls 100000 --reuse  # smaller, or measure an already loaded database
"""

import argparse
import io
import json
import os
import statistics
import sys
import time
import tracemalloc
from datetime import timedelta

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import openpyxl  # noqa: E402
from sqlalchemy import delete, func, select, text  # noqa: E402

from bench.common import fresh_pg_schema  # noqa: E402
from bench.console import sign_in  # noqa: E402
from bench.service_data import MONTH_START, NOW, load  # noqa: E402
from ivr import create_app  # noqa: E402
from ivr.calendar import clock  # noqa: E402
from ivr.console import accounts  # noqa: E402
from ivr.operators.service_summaries import catch_up  # noqa: E402
from ivr.store import Call, Operator, ServiceHour, ServiceHourWrapup, db  # noqa: E402
from ivr.store.migrate import upgrade  # noqa: E402
from ivr.store.service_rows import hour_of  # noqa: E402

TARGETS = {"monthly report page": 1.0, "daily report page": 1.0, "wallboard panel": 0.2}
MONTH = "/console/reports/monthly?month=2026-11"
PAGES = [
    ("monthly report page", MONTH),
    ("daily report page", "/console/reports/daily?day=2026-11-30"),
    ("CSV, days of the month", "/console/reports.csv?first=2026-11-01&last=2026-11-30&view=days"),
    ("Excel workbook, the month", "/console/reports.xlsx?first=2026-11-01&last=2026-11-30"),
    ("wallboard panel", "/console/wallboard/panel"),
]
# Exports whose memory is traced: a day, ten days, the month (about 33 k, 330 k and 1 M calls).
EXPORT_RANGES = [("2026-11-15", "2026-11-15"), ("2026-11-11", "2026-11-20"), ("2026-11-01", "2026-11-30")]


def timed(client, url, runs):
    times = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return times[0], statistics.median(times[1:] or times)


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
        if session.get_bind().dialect.name == "postgresql":  # a month's scan may take longer than a webhook
            session.execute(text("SET LOCAL statement_timeout = 0"))
        started = time.perf_counter()
        session.execute(statement).all()
        times.append(time.perf_counter() - started)
        session.rollback()
    return statistics.median(times[1:])


def traced(client, url):
    """(tracemalloc peak in MiB while serving `url`, the body)."""
    tracemalloc.start()
    try:
        response = client.get(url)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert response.status_code == 200, url
    return peak / 2**20, response.data


def exports(app, client):
    """Each export of EXPORT_RANGES: the calls it covers, the rows its file holds, its traced peak."""
    found = []
    for first, last in EXPORT_RANGES:
        query = f"first={first}&last={last}"
        with app.app_context(), db.new_session() as session:
            days = (int(last[-2:]) - int(first[-2:])) + 1
            start = MONTH_START + timedelta(days=int(first[-2:]) - 1)
            calls = session.scalar(
                select(func.count()).where(Call.started_at >= start, Call.started_at < start + timedelta(days=days))
            )
        xlsx_peak, xlsx = traced(client, f"/console/reports.xlsx?{query}")
        csv_peak, csv = traced(client, f"/console/reports.csv?{query}&view=days")
        rows = sum(1 for sheet in openpyxl.load_workbook(io.BytesIO(xlsx), read_only=True) for _ in sheet.iter_rows())
        found.append(
            dict(range=f"{first}..{last}", calls=calls, xlsx_rows=rows, xlsx_peak_mib=xlsx_peak)
            | dict(csv_rows=csv.count(b"\n"), csv_peak_mib=csv_peak)
        )
    return found


def app_for(url):
    if url.startswith("postgresql") and "search_path" not in url:
        url = fresh_pg_schema(url, "bench_w29_service")
    upgrade(url)
    config = {"DATABASE_URL": url, "AUTO_MIGRATE": False, "IVR_DEMO_DATA": False, "SECRET_KEY": "bench"}
    # Loading and indexing a million rows takes longer than a webhook may wait for the database.
    return create_app({**config, "TESTING": True, "DB_REPORT_TIMEOUT": 600, "DB_ANSWER_TIMEOUT": 900})


def operators(app):
    with app.app_context(), db.new_session() as session:
        if session.scalar(select(Operator.id).where(Operator.name == "bench")) is None:
            accounts.create_operator(session, "bench", "supervisor", "bench-password", method="pbkdf2:sha256:1000")
            for n in range(20):
                accounts.create_operator(session, f"op{n}", "operator", "x" * 12, method="pbkdf2:sha256:1000")
            session.commit()
        return session.scalars(select(Operator.id).where(Operator.name.like("op%"))).all()


def run(url, calls, runs=5, reuse=False):
    """Measure; returns the figures (also used by the smoke test at a tiny size)."""
    clock.set_source(lambda: NOW)
    app = app_for(url)
    operator_ids = operators(app)
    loaded = None
    if not reuse:
        started = time.perf_counter()
        load(db.engine, calls, operator_ids)
        loaded = time.perf_counter() - started
    client = app.test_client()
    sign_in(client)
    with app.app_context(), db.new_session() as session:
        floor = baseline(session, runs)
        session.execute(delete(ServiceHour))
        session.execute(delete(ServiceHourWrapup))
    live_month = timed(client, MONTH, 0)[0]  # no hour summed: the month counted from its calls
    target = app.config["SERVICE_LEVEL_SECONDS"]
    with app.app_context():
        started = time.perf_counter()
        summed = catch_up(db, now=NOW, target_s=target, batches=None)
        summing = time.perf_counter() - started
        started = time.perf_counter()
        assert catch_up(db, now=NOW, target_s=target) == 0
        idle_tick = time.perf_counter() - started
    pages = {label: timed(client, address, runs) for label, address in PAGES}
    found = dict(database=db.engine.dialect.name, calls=calls, loaded_s=loaded, baseline_s=floor)
    found |= dict(live_month_s=live_month, summed_hours=summed, summing_s=summing, idle_tick_s=idle_tick)
    found |= dict(pages=pages, exports=exports(app, client))
    db.engine.dispose()
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="sqlite:////tmp/bench-service-report.sqlite3")
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--reuse", action="store_true", help="measure the database as it is, load nothing")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="also print a last line: JSON followed by the figures")
    args = parser.parse_args()
    found = run(args.url, args.calls, args.runs, args.reuse)
    report(found)
    if args.json:
        print("JSON " + json.dumps(found))


def report(found):
    if found["loaded_s"] is not None:
        print(f"loaded {found['calls']:,} calls with their stays, callbacks and ratings in {found['loaded_s']:.0f} s")
    floor = found["baseline_s"]
    print(f"\n{found['database']}, {found['calls']:,} calls in November 2026\n")
    print(f"{'':<44} {'first ms':>9} {'median ms':>10} {'target':>8} {'× baseline':>11}")
    for label, (first, median) in found["pages"].items():
        target = TARGETS.get(label)
        verdict = "" if target is None else ("ok" if median < target else "SLOW")
        limit = f"< {target * 1000:.0f}" if target else ""
        print(f"{label:<44} {first * 1000:>9.0f} {median * 1000:>10.0f} {limit:>8} {median / floor:>11.2f} {verdict}")
    rows = [
        ("monthly report page counted from the calls", found["live_month_s"]),
        (f"summing the month ({found['summed_hours']} hours, once)", found["summing_s"]),
        ("the scheduler's run with nothing to sum", found["idle_tick_s"]),
    ]
    for label, seconds in rows:
        print(f"{label:<44} {seconds * 1000:>9.0f} {'':>10} {'':>8} {seconds / floor:>11.2f}")
    print(f"{'baseline: one grouped scan of the month':<44} {'':>9} {floor * 1000:>10.0f}")
    print(f"\n{'export range':<24} {'calls':>9} {'Excel rows':>11} {'peak MiB':>9} {'CSV rows':>9} {'peak MiB':>9}")
    for e in found["exports"]:
        print(
            f"{e['range']:<24} {e['calls']:>9,} {e['xlsx_rows']:>11} {e['xlsx_peak_mib']:>9.2f}"
            f" {e['csv_rows']:>9} {e['csv_peak_mib']:>9.2f}"
        )


if __name__ == "__main__":
    main()
