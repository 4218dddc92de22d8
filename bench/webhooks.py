"""Benchmark: simulated callers walk the whole report flow against gunicorn, beside a bare endpoint.

    python bench/webhooks.py [--postgres URL] [--only sqlite|postgres] [--seconds 20]
                             [--holders 10000[,100000,1000000]] [--profiles 50x0,200x1]

Each caller is the project's softphone (ivr/softphone): it signs every request as Twilio does,
follows the TwiML (Gather, Redirect, Hangup) and keys the report call of a made-up cardholder
of its own, so every call files a real report. Requests go over HTTP to gunicorn serving
`bench.wsgi:app` with the production settings (IVR_ENV=production, signatures on; `-w 4`, or
the repo's gunicorn.conf.py when there is one). Two baselines, in the same server and run, keyed
at by the same callers the same way: `/bench/bare`, a fixed VoiceResponse, and `/bench/floor`,
the same answer after the least a webhook whose call lives in the database must do (its row
locked by CallSid, written, committed): the most the hotline's steps could reach here.

Counted per profile ("50x0" = 50 callers without think time, "200x1" = 200 callers with ~1 s
between webhooks), over `--seconds` that open once the callers are spread over every step of a
call (with think time, their first rings are spread over one call's length): webhooks/s, p50/p99
latency as the callers measure it and inside the app (from each webhook's log line: without the
wait for a worker or the callers' own time), completed calls/s, errors (HTTP errors, broken
TwiML, and any apology the caller heard, though it came with a 200), the ratio of webhooks/s to
the bare endpoint's (and the floor's own ratio to bare), and the server's CPU (all gunicorn
processes) per completed call.
Not a test. On a shared machine absolute figures move; the ratios are what to compare.
"""

import argparse
import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import PEPPER, TOKEN, fresh_pg_schema, holder_row  # noqa: E402
from bench.history import seed_calls  # noqa: E402
from bench.loadclient import run_load  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def keep_app_times(server):
    """Drain gunicorn's log, keeping each webhook's time inside the app (its JSON line's
    duration_ms): the server's own share of the latency the callers measure, without the time a
    request waits for a worker or the callers' own processes take."""
    server.app_ms = []

    def drain():
        for line in server.stderr:
            if '"duration_ms"' in line and '"logger": "ivr.platform.metrics"' in line:
                with contextlib.suppress(ValueError, KeyError):
                    server.app_ms.append(json.loads(line)["duration_ms"])

    threading.Thread(target=drain, daemon=True).start()


def prepare(url, holders):
    """Migrate, import `holders` made-up cardholders through the real bulk import, and give the
    hotline as many past calls (bench/history.py), so the growth profiles grow both."""
    import io

    from ivr import create_app
    from ivr.directory.cardholder_csv import import_csv
    from ivr.store import db
    from ivr.store.migrate import upgrade

    upgrade(url)
    app = create_app(
        {
            "DATABASE_URL": url,
            "AUTO_MIGRATE": False,
            "IVR_DEMO_DATA": False,
            "TESTING": True,
            "PASSWORD_PEPPER": PEPPER,
            "SECRET_KEY": "bench-secret",
        }
    )
    header = "id_number,name,mobile,card_number,service_password,language\n"
    with app.app_context():
        for start in range(0, holders, 100_000):
            body = header + "".join(",".join(holder_row(n)) + "\n" for n in range(start, min(holders, start + 100_000)))
            with db.new_session() as session:
                import_csv(session, io.StringIO(body), app.config)
    db.engine.dispose()
    seed_calls(url, holders)


def start_server(url, workers):
    env = {
        **os.environ,
        "IVR_ENV": "production",
        "DATABASE_URL": url,
        "SECRET_KEY": "bench-secret",
        "TWILIO_AUTH_TOKEN": TOKEN,
        "PASSWORD_PEPPER": PEPPER,
        "SMS_BACKEND": "console",
        "AUTO_MIGRATE": "0",
        "IVR_DEMO_DATA": "0",
        "RUN_SCHEDULER": "0",
        "PYTHONPATH": ROOT,
    }
    command = [sys.executable, "-m", "gunicorn", "-b", "127.0.0.1:0"]
    conf = os.environ.get("BENCH_GUNICORN_CONF") or os.path.join(ROOT, "gunicorn.conf.py")
    command += ["-c", conf] if os.path.exists(conf) else ["-w", str(workers)]
    command += ["bench.wsgi:app"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    deadline = time.monotonic() + 60
    port = None
    while time.monotonic() < deadline and port is None:
        line = server.stderr.readline()
        if not line and server.poll() is not None:
            raise SystemExit("gunicorn did not start")
        found = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", line)
        port = found and int(found.group(1))
    keep_app_times(server)  # and keep the pipe drained
    time.sleep(2)  # workers boot after the master binds
    return server, f"http://127.0.0.1:{port}"


def measure(name, url, holders, profiles, seconds, workers):
    prepare(url, holders)
    server, base = start_server(url, workers)
    rows = []
    try:
        # Let every worker import the app and open its connections before anything is timed.
        run_load(base, server, baseline="/bench/bare", callers=8, think=0, seconds=4, first_holder=0)
        run_load(base, server, baseline="/bench/floor", callers=8, think=0, seconds=4, first_holder=0)
        run_load(base, server, callers=4, think=0, seconds=4, first_holder=holders - 400)
        used = 0
        for callers, think in profiles:
            load = {"callers": callers, "think": think, "seconds": seconds}
            bare = run_load(base, server, baseline="/bench/bare", first_holder=0, **load)
            floor = run_load(base, server, baseline="/bench/floor", first_holder=0, **load)
            for kind, baseline in (("bare", bare), ("floor", floor)):
                if baseline["errors"]:
                    # A baseline of error pages is cheaper than the real thing and makes every ratio a lie.
                    raise SystemExit(f"the {kind} endpoint failed {baseline['errors']} times: no baseline to compare")
            real = run_load(base, server, first_holder=used, **load)
            used = real["next_holder"]  # fresh cardholders for the next profile
            rows.append(
                {
                    "database": name,
                    "holders": holders,
                    "callers": callers,
                    "think_s": think,
                    "bare": bare,
                    "floor": floor,
                    "real": real,
                    "ratio": real["requests_per_s"] / bare["requests_per_s"],
                    "floor_ratio": floor["requests_per_s"] / bare["requests_per_s"],
                }
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    return rows


def in_app(result):
    if result["app_p50_ms"] is None:
        return "-"
    return f"{result['app_p50_ms']:.1f}/{result['app_p99_ms']:.1f}"


def print_table(rows):
    print(
        f"{'db':10} {'holders':>8} {'callers':>7} {'think':>5} | {'req/s':>7} {'p50 ms':>7} {'p99 ms':>8} "
        f"{'in app p50/p99':>14} {'calls/s':>7} {'errors':>6} {'CPU ms/call':>11} | {'bare req/s':>10} "
        f"{'bare p99':>8} | {'floor req/s':>11} {'floor p99':>9} | {'ratio':>5} {'floor':>5}"
    )
    for r in rows:
        real, bare, floor = r["real"], r["bare"], r["floor"]
        cpu = real["server_cpu_ms_per_call"]
        print(
            f"{r['database']:10} {r['holders']:8} {r['callers']:7} {r['think_s']:5} | {real['requests_per_s']:7.1f} "
            f"{real['p50_ms']:7.1f} {real['p99_ms']:8.1f} {in_app(real):>14} {real['completed_per_s']:7.2f} "
            f"{real['errors']:6} "
            f"{cpu if cpu is None else round(cpu, 1)!s:>11} | {bare['requests_per_s']:10.1f} {bare['p99_ms']:8.1f} | "
            f"{floor['requests_per_s']:11.1f} {floor['p99_ms']:9.1f} | {r['ratio']:5.2f} {r['floor_ratio']:5.2f}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--holders", default="10000", help="comma-separated, e.g. 10000,100000,1000000")
    parser.add_argument("--profiles", default="50x0,200x1", help="CALLERSxTHINK_SECONDS, comma-separated")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers when there is no gunicorn.conf.py")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    profiles = [(int(c), float(t)) for c, t in (p.split("x") for p in args.profiles.split(","))]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for holders in (int(h) for h in args.holders.split(",")):
            if args.only != "postgres":
                rows += measure(
                    "sqlite", f"sqlite:///{tmp}/load-{holders}.sqlite3", holders, profiles, args.seconds, args.workers
                )
            if args.postgres and args.only != "sqlite":
                url = fresh_pg_schema(args.postgres, "bench_w15_load")
                rows += measure("postgresql", url, holders, profiles, args.seconds, args.workers)
    if args.json:
        print(json.dumps(rows))
    else:
        print_table(rows)


if __name__ == "__main__":
    main()
