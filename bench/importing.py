"""Benchmark: import N made-up cardholders from CSV, beside a plain load of the same rows.

    python bench/importing.py [--rows 100000] [--postgres URL] [--only sqlite|postgres]

The import is the real one (`ivr.directory.cardholder_csv.import_csv`: every row checked, hashed, staged,
merged in one transaction). The baseline loads the same file's fields, unchecked and unhashed,
into a plain table of the same shape (executemany on SQLite, COPY on PostgreSQL) and then
INSERT ... SELECTs them into a second table: the floor for moving these bytes into this
database on this machine in this run. Each runs in a process of its own so peak memory
(max RSS) is its own. rows/CPU-s divides by the CPU the import used (its process, plus its
PostgreSQL backend), which a shared machine's load does not change. Not a test.
"""

import argparse
import csv
import json
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from queue import Empty

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.common import bench_config, fresh_pg_schema, holder_row  # noqa: E402
from bench.processes import cpu_seconds  # noqa: E402

HEADER = ["id_number", "name", "mobile", "card_number", "service_password", "language"]


def write_file(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(rows):
            writer.writerow(holder_row(n))


def own_cpu_seconds():
    """CPU time (user + system) of this process."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def real_import(url, path, queue):
    from sqlalchemy import text

    from ivr import create_app
    from ivr.directory.cardholder_csv import import_csv
    from ivr.store import db

    app = create_app(bench_config(url, IVR_DEMO_DATA=False))
    with app.app_context():
        start, cpu = time.perf_counter(), own_cpu_seconds()
        with db.new_session() as session, open(path, encoding="utf-8") as handle:
            backend = session.scalar(text("SELECT pg_backend_pid()")) if url.startswith("postgresql") else None
            server = cpu_seconds(backend) if backend else 0.0
            result = import_csv(session, handle, app.config)
            server = (cpu_seconds(backend) - server) if backend else 0.0
        seconds, cpu = time.perf_counter() - start, own_cpu_seconds() - cpu
    queue.put(
        {
            "seconds": seconds,
            "rows": result.inserted + result.updated,
            "rejected": len(result.rejected),
            "cpu": cpu + server,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
    )


def plain_load(url, path, queue):
    from sqlalchemy import text

    from ivr.store.db import make_engine

    engine = make_engine(url)
    columns = ", ".join(f"{c} VARCHAR(40)" for c in HEADER)
    start = time.perf_counter()
    raw = engine.raw_connection()
    cursor = raw.cursor()
    postgres = engine.dialect.name == "postgresql"
    if not postgres:
        cursor.execute("BEGIN")
    for table in ("plain_rows", "plain_copy"):
        cursor.execute(f"DROP TABLE IF EXISTS {table}")
        cursor.execute(f"CREATE TABLE {table} ({columns})")
    with open(path, encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        if postgres:
            with cursor.copy(f"COPY plain_rows ({', '.join(HEADER)}) FROM STDIN") as copy:
                for row in reader:
                    copy.write_row(row)
        else:
            batch = []
            for row in reader:
                batch.append(row)
                if len(batch) == 5000:
                    cursor.executemany("INSERT INTO plain_rows VALUES (?, ?, ?, ?, ?, ?)", batch)
                    batch = []
            cursor.executemany("INSERT INTO plain_rows VALUES (?, ?, ?, ?, ?, ?)", batch)
    cursor.execute("INSERT INTO plain_copy SELECT * FROM plain_rows")
    cursor.execute("SELECT count(*) FROM plain_copy")
    rows = cursor.fetchone()[0]
    raw.commit() if postgres else cursor.execute("COMMIT")
    seconds = time.perf_counter() - start
    raw.close()
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE plain_rows"))
        connection.execute(text("DROP TABLE plain_copy"))
    queue.put({"seconds": seconds, "rows": rows, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})


def in_process(target, *args):
    """`target` run in a process of its own; its failure ends the benchmark instead of a silent wait."""
    queue = multiprocessing.Queue()
    process = multiprocessing.Process(target=target, args=(*args, queue))
    process.start()
    while True:
        try:
            result = queue.get(timeout=1)
            break
        except Empty:
            if not process.is_alive():
                raise SystemExit(f"{target.__name__} failed (exit code {process.exitcode})") from None
    process.join(timeout=60)
    return result


def measure(name, url, path):
    from ivr.store.migrate import upgrade

    upgrade(url)
    baseline = in_process(plain_load, url, path)
    real = in_process(real_import, url, path)
    rate, floor = real["rows"] / real["seconds"], baseline["rows"] / baseline["seconds"]
    return {
        "database": name,
        "rows": real["rows"],
        "rejected": real["rejected"],
        "rows_per_s": round(rate),
        "baseline_rows_per_s": round(floor),
        "ratio": round(rate / floor, 3),
        "rows_per_cpu_s": round(real["rows"] / real["cpu"]) if real["cpu"] else None,
        "rss_mb": round(real["rss_mb"], 1),
        "baseline_rss_mb": round(baseline["rss_mb"], 1),
        "load_1min": round(os.getloadavg()[0], 1),  # the machine's load as the import ended
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--postgres", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "holders.csv")
        write_file(path, args.rows)
        if args.only != "postgres":
            results.append(measure("sqlite", f"sqlite:///{tmp}/import.sqlite3", path))
        if args.postgres and args.only != "sqlite":
            results.append(measure("postgresql", fresh_pg_schema(args.postgres, "bench_w15_import"), path))
    if args.json:
        print(json.dumps(results))
        return
    print(
        f"{'database':12} {'rows':>9} {'rows/s':>8} {'rows/CPU-s':>10} {'plain rows/s':>13} {'ratio':>6} "
        f"{'max RSS MB':>11} {'plain RSS':>10} {'load':>5}"
    )
    for r in results:
        print(
            f"{r['database']:12} {r['rows']:9} {r['rows_per_s']:8} {r['rows_per_cpu_s']:10} "
            f"{r['baseline_rows_per_s']:13} {r['ratio']:6} {r['rss_mb']:11} {r['baseline_rss_mb']:10} "
            f"{r['load_1min']:5}"
        )


if __name__ == "__main__":
    main()
