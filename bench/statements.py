"""Where a webhook's time goes: SQL statements and server CPU per step of a whole report call.

    python bench/statements.py [--postgres URL] [--calls 60] [--json]

Report calls (language, menu, ID number, read-back, password, mobile, confirm, after, rating) of
made-up cardholders are placed in-process through the softphone engine with production settings
(signatures checked, JSON logs, metrics); every statement the hotline's engine sends is counted
against the webhook that sent it, and a pool pre-ping (a round trip SQLAlchemy makes without a
cursor event) is counted per connection checkout when the engine has it switched on, and so is
PostgreSQL's SET LOCAL before a commit that need not wait for the disk (sent through the driver:
ivr/store/durability.py). The CPU column is the thread's CPU time spent inside the app for that
webhook (no HTTP server, no client), the median over the calls. Counts do not depend on the
machine's speed; CPU does, a little. Not a test.
"""

import argparse
import io
import json
import os
import statistics
import sys
import tempfile
import time
from collections import OrderedDict

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from sqlalchemy import event  # noqa: E402

from bench.common import bench_app, demo_line, holder_keys, holder_row  # noqa: E402
from ivr.softphone.engine import SoftCall  # noqa: E402
from ivr.store import db, durability  # noqa: E402


class Counter:
    def __init__(self, *engines):
        self.statements = 0
        self.checkouts = 0
        self.pre_ping = any(getattr(engine.pool, "_pre_ping", False) for engine in engines)
        for engine in set(engines):  # on SQLite, steps decide on a read-only engine of their own
            event.listen(engine, "before_cursor_execute", self._statement)
            event.listen(engine.pool, "checkout", self._checkout)
        self.plain_without_waiting = durability.without_waiting
        durability.without_waiting = self._without_waiting

    def _without_waiting(self, driver_connection):
        self._statement()
        self.plain_without_waiting(driver_connection)

    def close(self):
        durability.without_waiting = self.plain_without_waiting

    def _statement(self, *_args):
        self.statements += 1

    def _checkout(self, *_args):
        self.checkouts += 1

    def take(self):
        pings = self.checkouts if self.pre_ping else 0
        taken = (self.statements, pings)
        self.statements = self.checkouts = 0
        return taken


class CountingTransport:
    """The in-process transport, noting the statements each request cost under its path."""

    def __init__(self, inner, counter):
        self.inner, self.counter, self.rows, self.cpu = inner, counter, OrderedDict(), {}

    def request(self, method, url, form, headers):
        self.counter.take()
        started = time.thread_time()
        answer = self.inner.request(method, url, form, headers)
        cpu = time.thread_time() - started
        statements, pings = self.counter.take()
        path = "/" + url.split("://", 1)[-1].split("/", 1)[-1].split("?")[0]
        row = self.rows.setdefault(path, [0, 0, 0])
        row[0] += 1
        row[1] += statements
        row[2] += pings
        self.cpu.setdefault(path, []).append(cpu)
        return answer


def count(url, calls=1):
    """{path: [webhooks, statements, pre-pings, median CPU ms]} over `calls` report calls."""
    app = bench_app(url, IVR_DEMO_DATA=False, TESTING=False)
    header = "id_number,name,mobile,card_number,service_password,language\n"
    body = header + "".join(",".join(holder_row(n)) + "\n" for n in range(calls + 5))
    with app.app_context():
        from ivr.directory.cardholder_csv import import_csv

        with db.new_session() as session:
            import_csv(session, io.StringIO(body), app.config)
            session.commit()
        line = demo_line(app)
        for n in range(5):  # warm up: imports, compiled statements, the pool
            place(line, n)
        counter = Counter(db.engine, db.ReadSession.kw["bind"])
        transport = CountingTransport(line.transport, counter)
        line.transport = transport
        try:
            for n in range(5, 5 + calls):
                place(line, n)
        finally:
            counter.close()
    db.engine.dispose()
    return {
        path: [n, statements, pings, statistics.median(transport.cpu[path]) * 1000]
        for path, (n, statements, pings) in transport.rows.items()
    }


def place(line, n):
    line.caller = f"+86139{n:08d}"
    call = SoftCall(line)
    call.ring()
    for keys in holder_keys(n):
        call.press(keys)
    if call.error or not call.ended:
        raise SystemExit(f"the call failed: {call.error or 'it did not end'}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--calls", type=int, default=60)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        results["sqlite"] = count(f"sqlite:///{tmp}/statements.sqlite3", args.calls)
    if args.postgres:
        results["postgresql"] = count(args.postgres, args.calls)
    if args.json:
        print(json.dumps(results))
        return
    for name, rows in results.items():
        total = sum(r[1] + r[2] for r in rows.values())
        requests = sum(r[0] for r in rows.values())
        cpu = sum(r[3] * r[0] for r in rows.values()) / args.calls
        print(f"\n{name}: {requests} webhooks, {total} round trips ({total / requests:.1f} per webhook)")
        print(f"server CPU per report call, in the app (median per step, summed): {cpu:.1f} ms")
        print(f"{'webhook':32} {'per call':>8} {'statements':>10} {'pre-pings':>9} {'CPU ms':>7}")
        for path, (n, statements, pings, ms) in rows.items():
            print(f"{path:32} {n / args.calls:8.1f} {statements / n:10.1f} {pings / n:9.1f} {ms:7.2f}")


if __name__ == "__main__":
    main()
