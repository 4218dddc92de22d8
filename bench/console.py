"""Console speed on a million calls: dashboard, first page of the call log, CSV export.

python bench/console.py                       # SQLite file under /tmp, 1,000,000 calls
python bench/console.py --url postgresql://postgres@127.0.0.1:5432/test_w6
python bench/console.py --calls 100000 --reuse  # smaller, or measure an already loaded database
"""

import argparse
import json
import os
import statistics
import sys
import time
from datetime import UTC, datetime

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.console_data import load  # noqa: E402
from ivr import create_app  # noqa: E402
from ivr.calendar import clock
from ivr.console import accounts  # noqa: E402
from ivr.store import db  # noqa: E402
from ivr.store.migrate import upgrade  # noqa: E402

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
TARGETS = {"dashboard": 1.0, "call log": 0.2}


def rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def timed(client, url, runs):
    """(first run, median of the following runs) in seconds; every answer must be a 200."""
    times = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return times[0], statistics.median(times[1:])


def export(client, url):
    """Stream a CSV export; rows per second and how far the process grew while it ran."""
    before = peak = rss_mb()
    started = time.perf_counter()
    response = client.get(url, buffered=False)
    assert response.status_code == 200, (url, response.status_code)
    rows = -1
    for chunk in response.response:
        rows += chunk.count(b"\n") if isinstance(chunk, bytes) else chunk.count("\n")
        peak = max(peak, rss_mb())
    response.close()
    seconds = time.perf_counter() - started
    return rows, seconds, peak - before


def plain_export(first, last):
    """The same-run floor for an export: a plain SELECT of the same calls streamed to CSV, no app."""
    import csv

    class Sink:
        def write(self, text):
            return len(text)

    writer = csv.writer(Sink())
    postgres = db.engine.dialect.name == "postgresql"
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        started = time.perf_counter()
        cursor.execute(
            "SELECT id, call_sid, from_number, language, purpose, outcome, started_at, duration_s FROM calls"
            " WHERE started_at >= ? AND started_at < ?".replace("?", "%s" if postgres else "?"),
            (first, last),
        )
        rows = 0
        while True:
            batch = cursor.fetchmany(5000)
            if not batch:
                break
            writer.writerows(batch)
            rows += len(batch)
        return rows, time.perf_counter() - started
    finally:
        raw.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="sqlite:////tmp/bench-console.sqlite3")
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--reuse", action="store_true", help="measure the database as it is, load nothing")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="also print a last line: JSON followed by the figures")
    args = parser.parse_args()
    clock.set_source(lambda: NOW)
    upgrade(args.url)
    app = create_app(
        {
            "DATABASE_URL": args.url,
            "AUTO_MIGRATE": False,
            "IVR_DEMO_DATA": False,
            "SECRET_KEY": "bench",
            "TESTING": True,
        }
    )
    if not args.reuse:
        started = time.perf_counter()
        load(db.engine, args.calls, NOW)
        print(f"loaded {args.calls:,} calls and their events in {time.perf_counter() - started:.0f} s")
    with app.app_context(), db.new_session() as session:
        accounts.create_operator(session, "bench", "supervisor", "bench-password", method="pbkdf2:sha256:1000")
    client = app.test_client()
    sign_in(client)
    dialect = db.engine.dialect.name
    rows = []
    for label, url in [
        ("dashboard", "/console/?range=30d"),
        ("dashboard 7 days", "/console/?range=7d"),
        ("dashboard today", "/console/?range=today"),
        ("call log", "/console/calls?range=7d"),
        ("call log, 30 days, abandoned", "/console/calls?range=30d&outcome=abandoned"),
        ("call log, 30 days, English, progress", "/console/calls?range=30d&language=en&purpose=progress"),
        # A caller number is POSTed and the call log is then read by its token (never in a URL).
        ("call log, 1 year, by caller", caller_search(client, "+8613900001234", "2025-11-25", "2026-11-25")),
        ("call log, 1 year, by reference", "/console/calls?first=2025-11-25&last=2026-11-25&reference=00012345"),
        ("call log, page 20", "/console/calls?range=30d&page=20"),
    ]:
        first, median = timed(client, url, args.runs)
        target = TARGETS.get(label)
        verdict = "" if target is None else ("ok" if median < target else "SLOW")
        limit = f"< {target * 1000:.0f}" if target else ""
        rows.append((label, f"{first * 1000:.0f}", f"{median * 1000:.0f}", limit, verdict))
    print(f"\n{dialect}, {args.calls:,} calls, now {NOW.isoformat()}\n")
    print(f"{'page':<40} {'first ms':>9} {'median ms':>10} {'target':>8}")
    for label, first, median, target, verdict in rows:
        print(f"{label:<40} {first:>9} {median:>10} {target:>8} {verdict}")
    print()
    year = (datetime(2025, 11, 25, 16, 0), datetime(2026, 11, 25, 16, 0))  # local days, in UTC
    if dialect == "postgresql":
        year = tuple(moment.replace(tzinfo=UTC) for moment in year)
    for label, url in [
        ("CSV, 30 days", "/console/calls.csv?range=30d"),
        ("CSV, whole year", "/console/calls.csv?first=2025-11-26&last=2026-11-25"),
    ]:
        count, seconds, grew = export(client, url)
        print(
            f"{label:<20} {count:>9,} rows in {seconds:6.2f} s = {count / seconds:>8,.0f} rows/s;"
            f" process grew {grew:5.1f} MB while streaming"
        )
    with app.app_context():
        plain_rows, plain_seconds = plain_export(*year)
    print(
        f"{'plain SELECT to CSV':<20} {plain_rows:>9,} rows in {plain_seconds:6.2f} s = "
        f"{plain_rows / plain_seconds:>8,.0f} rows/s (same-run baseline for the whole-year export:"
        f" ratio {count / seconds / (plain_rows / plain_seconds):.2f})"
    )
    if args.json:
        print(
            "JSON "
            + json.dumps(
                {
                    "database": dialect,
                    "calls": args.calls,
                    "export_rows_per_s": count / seconds,
                    "baseline_rows_per_s": plain_rows / plain_seconds,
                    "grew_mb": grew,
                    "pages_ms": {label: float(median) for label, _, median, _, _ in rows},
                }
            )
        )
    db.engine.dispose()


def sign_in(client):
    from html.parser import HTMLParser

    class Token(HTMLParser):
        value = ""

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if attrs.get("name") == "csrf_token":
                self.value = attrs["value"]

    page = Token()
    page.feed(client.get("/console/sign-in").get_data(as_text=True))
    response = client.post(
        "/console/sign-in", data={"name": "bench", "password": "bench-password", "csrf_token": page.value}
    )
    assert response.status_code == 302, response.status_code
    client.csrf = page.value


def caller_search(client, number, first, last):
    """The call log's URL for a caller-number filter: POST the number, get the token's URL back."""
    token = client.get("/console/calls").get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    response = client.post("/console/calls", data={"csrf_token": token, "caller": number, "first": first, "last": last})
    assert response.status_code == 303, response.status_code
    return response.headers["Location"]


if __name__ == "__main__":
    main()
