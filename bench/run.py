"""Every benchmark, one command, one table: each figure beside its same-run baseline.

    python bench/run.py [--postgres URL] [--large] [--only NAME[,NAME]]

NAME: statements, webhooks, import, reminders, console, service. The default profile is small enough
for a shared machine (10 k cardholders, 20 s per load profile, 50 k import rows, 20 k reminders,
100 k console calls, 100 k calls in the service-level month); --large runs the issue's sizes
(cardholders 10 k/100 k/1 M, 1 M import rows, 100 k reminders, 1 M calls, 1 M in the month).
PostgreSQL comes from --postgres or BENCH_DATABASE_URL; each benchmark gets a fresh schema of its
own there. Absolute numbers on a shared machine move from
run to run: read the ratio column, measured against a baseline in the same run.
"""

import argparse
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import fresh_pg_schema  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def script(name, *args, timeout=7200):
    """Run bench/NAME.py with --json; its last JSON line, parsed."""
    command = [sys.executable, os.path.join(HERE, name + ".py"), "--json", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"{name} failed:\n{done.stderr[-2000:]}")
    lines = [line for line in done.stdout.splitlines() if line.startswith(("[", "{", "JSON "))]
    return json.loads(lines[-1].removeprefix("JSON "))


def statements(pg, large):
    found = script("statements", *(["--postgres", pg] if pg else []))
    rows = []
    for database, steps in found.items():
        total = sum(s[1] + s[2] for s in steps.values())
        requests = sum(s[0] for s in steps.values())
        calls = steps["/voice/incoming"][0]
        cpu = sum(s[3] * s[0] for s in steps.values()) / calls
        confirm = steps["/voice/preloss/confirm"]
        rows.append(
            (
                "SQL round trips per report call (per webhook)",
                database,
                f"{total / calls:.0f} ({total / requests:.1f}), {requests / calls:.0f} webhooks",
                "SQLite 76 / PG 53 in 13 webhooks before steps ran in place; 7.2 / 7.8 per webhook before issue 15",
                "",
                f"the confirm step {confirm[1] / confirm[0]:.0f}; server CPU in the app "
                f"{cpu:.1f} ms per report call (no HTTP server)",
            )
        )
    return rows


def webhooks(pg, large):
    args = ["--holders", "10000,100000,1000000" if large else "10000", "--seconds", "20"]
    found = script("webhooks", *args, *(["--postgres", pg] if pg else []))
    rows = []
    for r in found:
        real, bare, floor = r["real"], r["bare"], r["floor"]
        label = f"webhooks, {r['callers']} callers, think {r['think_s']:g} s, {r['holders']:,} holders"
        cpu = real["server_cpu_ms_per_call"]
        rows.append(
            (
                label,
                r["database"],
                f"{real['requests_per_s']:.1f} req/s",
                f"{bare['requests_per_s']:.1f} bare",
                f"{r['ratio']:.2f}",
                f"p50 {real['p50_ms']:.0f} ms, p99 {real['p99_ms']:.0f} ms (bare {bare['p99_ms']:.0f}; "
                f"in the app {real['app_p50_ms']:.1f} / {real['app_p99_ms']:.1f} ms); "
                f"{real['completed_per_s']:.2f} calls/s; errors {real['errors']}; "
                f"server CPU {cpu if cpu is None else round(cpu)} ms/call, "
                f"{real['server_cpu_ms_per_request']:.1f} ms/req (bare {bare['server_cpu_ms_per_request']:.1f}); "
                f"floor {floor['requests_per_s']:.1f} req/s, {r['floor_ratio']:.2f} of bare, "
                f"p99 {floor['p99_ms']:.0f} ms, {floor['server_cpu_ms_per_request']:.1f} ms/req",
            )
        )
    return rows


def importing(pg, large):
    found = script("importing", "--rows", "1000000" if large else "50000", *(["--postgres", pg] if pg else []))
    return [
        (
            f"import {r['rows']:,} cardholders",
            r["database"],
            f"{r['rows_per_s']:,} rows/s",
            f"{r['baseline_rows_per_s']:,} plain",
            f"{r['ratio']:.3f}",
            f"{r['rows_per_cpu_s']:,} rows per CPU-second; max RSS {r['rss_mb']} MB "
            f"(plain load {r['baseline_rss_mb']} MB)",
        )
        for r in found
    ]


def reminders(pg, large):
    args = ["--rows", "100000" if large else "20000"]
    found = script("reminders", *args, *(["--postgres", fresh_pg_schema(pg, "bench_w15_reminders")] if pg else []))
    return [
        (
            f"reminder drain, {r['rows']:,} rows, {r['senders']} sender(s)",
            r["database"],
            f"{r['msg_per_s']:,.0f} msg/s",
            f"{r['baseline_rows_per_s']:,.0f} INSERT..SELECT",
            f"{r['ratio']:.4f}",
            f"peak {r['peak_mib']:.0f} MiB per sender",
        )
        for r in found
    ]


def console(pg, large):
    calls = "1000000" if large else "100000"
    rows = []
    targets = [("sqlite", "sqlite:////tmp/bench-w15-console.sqlite3")]
    if pg:
        targets.append(("postgresql", fresh_pg_schema(pg, "bench_w15_console")))
    for _, url in targets:
        r = script("console", "--url", url, "--calls", calls, "--runs", "3")
        pages = r["pages_ms"]
        rows.append(
            (
                f"CSV export, a year of {int(calls):,} calls",
                r["database"],
                f"{r['export_rows_per_s']:,.0f} rows/s",
                f"{r['baseline_rows_per_s']:,.0f} plain SELECT",
                f"{r['export_rows_per_s'] / r['baseline_rows_per_s']:.2f}",
                f"grew {r['grew_mb']:.1f} MB; dashboard {pages['dashboard']:.0f} ms, "
                f"call log {pages['call log']:.0f} ms",
            )
        )
    return rows


def service(pg, large):
    calls = "1000000" if large else "100000"
    targets = ["sqlite:////tmp/bench-w29-service.sqlite3"]
    if pg:
        targets.append(fresh_pg_schema(pg, "bench_w29_service"))
    rows = []
    for url in targets:
        r = script("service_report", "--url", url, "--calls", calls, "--runs", "3")
        month, floor = r["pages"]["monthly report page"][1], r["baseline_s"]
        peaks = ", ".join(f"{e['calls']:,} calls {e['xlsx_peak_mib']:.1f}" for e in r["exports"])
        rows.append(
            (
                f"monthly service-level report, {int(calls):,} calls",
                r["database"],
                f"{month * 1000:.0f} ms from the hours' sums",
                f"{floor * 1000:.0f} ms one grouped scan",
                f"{month / floor:.2f}",
                f"counted from the calls {r['live_month_s'] * 1000:.0f} ms; summing the month "
                f"{r['summing_s']:.1f} s once, an idle run {r['idle_tick_s'] * 1000:.0f} ms; "
                f"wallboard {r['pages']['wallboard panel'][1] * 1000:.0f} ms; Excel peak MiB: {peaks}",
            )
        )
    return rows


BENCHMARKS = {
    "statements": statements,
    "webhooks": webhooks,
    "import": importing,
    "reminders": reminders,
    "console": console,
    "service": service,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--large", action="store_true")
    parser.add_argument("--only", default=",".join(BENCHMARKS))
    args = parser.parse_args()
    rows = []
    for name in args.only.split(","):
        started = time.monotonic()
        try:
            rows += BENCHMARKS[name](args.postgres, args.large)
        except Exception as exc:  # one broken benchmark should not hide the others' figures
            rows.append((name, "-", "FAILED", "", "", str(exc).splitlines()[0][:100]))
        print(f"{name} done in {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
    load = os.getloadavg()
    print(f"\nmachine: {os.cpu_count()} CPUs, load average {load[0]:.1f} at the end; python {sys.version.split()[0]}")
    widths = [max(len(str(r[i])) for r in rows + [HEAD]) for i in range(5)]
    for row in [HEAD] + rows:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row[:5], widths, strict=True)) + "  " + row[5])


HEAD = ("benchmark", "database", "figure", "same-run baseline", "ratio", "notes")

if __name__ == "__main__":
    main()
