"""SQL statements per webhook of a whole report call, counted with SQLAlchemy's events.

    python bench/statements.py [--postgres URL] [--json]

One report call (language, menu, ID number, read-back, password, mobile, confirm, after) is
placed in-process through the softphone engine; every statement the hotline's engine sends is
counted against the webhook that sent it, and a pool pre-ping (a round trip SQLAlchemy makes
without a cursor event) is counted per connection checkout when the engine has it switched on.
Not a test: a table of counts. The counts do not depend on the machine's speed.
"""

import argparse
import json
import os
import sys
import tempfile
from collections import OrderedDict

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from sqlalchemy import event  # noqa: E402

from bench.common import REPORT_KEYS, bench_app, demo_line  # noqa: E402
from ivr.softphone.engine import SoftCall  # noqa: E402
from ivr.store import db  # noqa: E402


class Counter:
    def __init__(self, engine):
        self.statements = 0
        self.checkouts = 0
        self.pre_ping = bool(getattr(engine.pool, "_pre_ping", False))
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine.pool, "checkout", self._checkout)

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
        self.inner, self.counter, self.rows = inner, counter, OrderedDict()

    def request(self, method, url, form, headers):
        self.counter.take()
        answer = self.inner.request(method, url, form, headers)
        statements, pings = self.counter.take()
        path = url.split("://", 1)[-1].split("/", 1)[-1].split("?")[0]
        row = self.rows.setdefault("/" + path, [0, 0, 0])
        row[0] += 1
        row[1] += statements
        row[2] += pings
        return answer


def count(url):
    app = bench_app(url)
    with app.app_context():
        counter = Counter(db.engine)
        line = demo_line(app)
        transport = CountingTransport(line.transport, counter)
        line.transport = transport
        call = SoftCall(line)
        call.ring()
        for keys in REPORT_KEYS:
            call.press(keys)
        call.hang_up()
        if call.error:
            raise SystemExit(f"the call failed: {call.error}")
    db.engine.dispose()
    return transport.rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        results["sqlite"] = count(f"sqlite:///{tmp}/statements.sqlite3")
    if args.postgres:
        results["postgresql"] = count(args.postgres)
    if args.json:
        print(json.dumps(results))
        return
    for name, rows in results.items():
        total = sum(r[1] + r[2] for r in rows.values())
        requests = sum(r[0] for r in rows.values())
        print(f"\n{name}: {requests} webhooks, {total} round trips ({total / requests:.1f} per webhook)")
        print(f"{'webhook':32} {'requests':>8} {'statements':>10} {'pre-pings':>9}")
        for path, (n, statements, pings) in rows.items():
            print(f"{path:32} {n:8} {statements:10} {pings:9}")


if __name__ == "__main__":
    main()
