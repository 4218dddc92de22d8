"""Soak: simulated callers and reminders on PostgreSQL, two web processes and the scheduler.

    python bench/soak.py --url postgresql://postgres@127.0.0.1:5432/test [--minutes 30] [--callers 6]

Everything runs on loopback: two gunicorn processes (free ports), `flask --app app scheduler`
(file SMS gateway), and caller threads that ring through the softphone's TwiML interpreter
(ivr/softphone/engine.py), each request sent to either web process at random. Callers report,
check progress, cancel, ask for outlets by SMS, and lock ID numbers out. The run fails (exit 1) on
any error: a non-200, an apology heard, a call that stops early, RSS or DB connections that grow,
a due SMS not sent exactly once, or a full ID number in the access log or the SMS file.
Prints a table and, with --json, one JSON summary line. Bounded: stops after --minutes.
"""

import argparse
import io
import json
import os
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


from bench.common import fresh_pg_schema, id_number  # noqa: E402
from bench.processes import family, free_port, rss_kib, start, stop, wait_ready  # noqa: E402
from bench.soak_checks import account_for_sms, connections, grown, unexpected_outcomes  # noqa: E402
from ivr.softphone.engine import SoftCall  # noqa: E402
from ivr.softphone.line import Line  # noqa: E402
from ivr.softphone.transports import HttpTransport  # noqa: E402
from ivr.softphone.words import describe  # noqa: E402
from ivr.store.db import make_engine  # noqa: E402

TOKEN = "soak-auth-token"
APOLOGIES = ("nothing was changed", "系统暂时出现故障")
OUTLETS = (
    "code,name,area_code,address,hours,phone\n"
    "BJ-CY-01,Chaoyang Card Centre,110105,1 Gongti North Road,Mon-Fri 8:30-17:00,010-96102\n"
)
SECRET = "soak-secret"  # the web processes hash ID numbers with it: the import must too
HASH = "pbkdf2:sha256:1000"  # the soak is about leaks and losses, not hashing cost


def holders(count):
    """`count` made-up cardholders with valid ID numbers: (id, name, mobile, card, password)."""
    return [
        (id_number(n), f"Soak {n}", f"139{n:08d}", f"S{n:08d}", f"{(246810 + n * 7) % 900000 + 100000:06d}")
        for n in range(count)
    ]


def prepare(url, schema, people):
    """A fresh schema, migrated, with the made-up cardholders and one outlet."""
    from ivr import create_app
    from ivr.directory.cardholder_csv import import_csv
    from ivr.directory.outlets import import_csv as import_outlets
    from ivr.store import db
    from ivr.store.migrate import upgrade

    # application_name lets connections() count this run's sessions.
    target = fresh_pg_schema(url, schema) + f"&application_name={schema}"
    upgrade(target)
    csv_text = "id_number,name,mobile,card_number,service_password,language\n" + "".join(
        f"{i},{name},{m},{c},{p},en\n" for i, name, m, c, p in people
    )
    app = create_app(
        {
            "DATABASE_URL": target,
            "AUTO_MIGRATE": False,
            "IVR_DEMO_DATA": False,
            "SECRET_KEY": SECRET,
            "PASSWORD_HASH_METHOD": HASH,
            "SMS_BACKEND": "console",
        }
    )
    with app.app_context(), db.new_session() as session:
        result = import_csv(session, io.StringIO(csv_text), app.config)
        assert not result.rejected, result.rejected[:3]
        import_outlets(session, io.StringIO(OUTLETS))
        session.commit()
    db.engine.dispose()
    return target


class Spread(HttpTransport):
    """Sends each request to one of the web processes at random: a call's state lives in the database."""

    def __init__(self, ports):
        super().__init__(timeout=15)
        self.ports = ports

    def request(self, method, url, form, headers):
        parts = urlsplit(url)
        url = urlunsplit(parts._replace(netloc=f"127.0.0.1:{random.choice(self.ports)}"))
        return super().request(method, url, form, headers)


SCRIPTS = {
    "report": lambda h: ["8", "1", h[0].replace("X", "*") + "#", "1", h[4] + "#", h[2][-4:], "1"],
    "progress": lambda h: ["8", "3", h[0].replace("X", "*") + "#", "1", h[4] + "#", h[2][-4:]],
    "cancel": lambda h: ["8", "2", h[0].replace("X", "*") + "#", "1", h[4] + "#", h[2][-4:], "1"],
    "outlets": lambda h: ["8", "4", "110105#", "1"],
    "guess": lambda h: ["8", "1", h[0].replace("X", "*") + "#", "1"] + ["000000#", "0000"] * 3,
}


def one_call(ports, base, holder, kind, caller):
    """Ring, key the script, hang up; returns an error string or None."""
    line = Line(transport=Spread(ports), url=base + "/voice/incoming", token=TOKEN, caller=caller)
    call = SoftCall(line)
    events = list(call.ring())
    for keys in SCRIPTS[kind](holder):
        if call.ended or call.waiting is None:
            break
        events += call.press(keys)
    said = " ".join(e.get("text", "") for e in events if e["type"] == "say")
    problems = [describe(e, "en") for e in events if e["type"] == "error"]
    if any(a in said for a in APOLOGIES):
        problems.append(f"{kind}: an apology was heard")
    if not said:
        problems.append(f"{kind}: nothing was heard")
    call.hang_up()
    return call.state["sid"], "; ".join(problems) or None


def caller_loop(ports, base, mine, guessee, stop_at, tally, errors, lock, placed):
    """One caller's day: report, progress, cancel, outlets, and now and then an ID number locked out."""
    rounds = 0
    while time.monotonic() < stop_at:
        for kind in ("report", "progress", "cancel", "outlets"):
            if time.monotonic() >= stop_at:
                break
            sid, error = one_call(ports, base, mine, kind, "+86" + mine[2])
            with lock:
                tally[kind] += 1
                placed.append((sid, kind))
                if error:
                    errors.append(error)
        if rounds % 3 == 0 and guessee:
            sid, error = one_call(ports, base, guessee, "guess", "+8613500000000")
            with lock:
                tally["guess"] += 1
                placed.append((sid, "guess"))
                if error:
                    errors.append(error)
        rounds += 1


def soak(url, minutes, callers, workdir, schema):
    people = holders(callers * 2)
    target = prepare(url, schema, people)
    sms_path, access_log = os.path.join(workdir, "sms.jsonl"), os.path.join(workdir, "access.log")
    ports = [free_port(), free_port()]
    env = {
        **os.environ,
        "IVR_ENV": "development",
        "DATABASE_URL": target,
        "AUTO_MIGRATE": "0",
        "IVR_DEMO_DATA": "0",
        "TWILIO_AUTH_TOKEN": TOKEN,
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{ports[0]}",
        "SMS_BACKEND": "file",
        "SMS_FILE": sms_path,
        "PASSWORD_HASH_METHOD": HASH,
        "SMS_DISPATCH_SECONDS": "2",
        "RUN_SCHEDULER": "0",
        "SECRET_KEY": SECRET,
        "PYTHONPATH": ROOT,
    }
    webs = [
        start(
            [
                "gunicorn",
                "-w",
                "1",
                "--threads",
                "4",
                "-b",
                f"127.0.0.1:{port}",
                "--access-logfile",
                access_log,
                "--graceful-timeout",
                "5",
                "app:app",
            ],
            env,
            os.path.join(workdir, f"web{port}.log"),
        )
        for port in ports
    ]
    scheduler = start(["flask", "--app", "app", "scheduler"], env, os.path.join(workdir, "scheduler.log"))
    engine = make_engine(target)
    tally, errors, lock, samples = Counter(), [], threading.Lock(), {"rss": [], "connections": []}
    placed = []
    try:
        if not all(wait_ready(port, time.monotonic() + 60) for port in ports):
            raise SystemExit("the web processes did not start; see " + workdir)
        base = f"http://127.0.0.1:{ports[0]}"
        stop_at = time.monotonic() + minutes * 60
        threads = [
            threading.Thread(
                target=caller_loop,
                daemon=True,
                args=(ports, base, people[n], people[callers + n], stop_at, tally, errors, lock, placed),
            )
            for n in range(callers)
        ]
        for thread in threads:
            thread.start()
        every = max(2.0, minutes * 60 / 60)
        while any(t.is_alive() for t in threads):
            pids = [p for w in webs for p in family(w.pid)] + [scheduler.pid]
            samples["rss"].append(sum(rss_kib(p) for p in pids))
            samples["connections"].append(connections(engine, schema))
            for process in webs + [scheduler]:
                if process.poll() is not None:
                    errors.append(f"a process exited early: {process.args[:3]}")
                    stop_at = 0
            time.sleep(every)
            if time.monotonic() > stop_at + 60:
                errors.append("callers did not finish within a minute of the end")
                break
        ended_at = time.time()
        time.sleep(8)  # two scheduler ticks to send what the last calls queued
        from datetime import datetime

        states, sms_lines, sms_problems = account_for_sms(engine, sms_path, datetime.fromtimestamp(ended_at - 5, UTC))
        errors += sms_problems
        errors += unexpected_outcomes(engine, placed)
    finally:
        for process in webs + [scheduler]:
            stop(process)
        engine.dispose()
    written = "".join(
        Path(f).read_text(encoding="utf-8", errors="replace") for f in (access_log, sms_path) if os.path.exists(f)
    )
    leaked = [p[0] for p in people if p[0] in written]
    if leaked:
        errors.append(f"{len(leaked)} full ID numbers in the access log or SMS file")
    rss_growth = grown(samples["rss"], slack_kib=25 * 1024)
    if rss_growth > 0:
        errors.append(f"RSS grew by {rss_growth // 1024 + 25} MiB")
    conns = samples["connections"]
    if conns and max(conns[len(conns) // 2 :]) > max(conns[: max(1, len(conns) // 2)]) + 2:
        errors.append(f"DB connections grew: {conns}")
    return {
        "minutes": minutes,
        "callers": callers,
        "calls": dict(tally),
        "errors": len(errors),
        "first_errors": errors[:5],
        "sms": {f"{k}:{s}": n for (k, s), n in sorted(states.items())},
        "sms_file_lines": sms_lines,
        "rss_mib": [round(s / 1024, 1) for s in samples["rss"][:: max(1, len(samples["rss"]) // 10)]],
        "connections": conns[:: max(1, len(conns) // 10)],
        "workdir": workdir,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default=os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL"))
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--callers", type=int, default=6)
    parser.add_argument("--schema", default="w11b_soak")
    parser.add_argument("--json", action="store_true", help="print one JSON summary line")
    args = parser.parse_args(argv)
    if not (args.url or "").startswith("postgresql"):
        parser.error("--url postgresql://... (or BENCH_DATABASE_URL / TEST_DATABASE_URL) is needed")
    with tempfile.TemporaryDirectory(prefix="soak-") as workdir:
        summary = soak(args.url, args.minutes, args.callers, workdir, args.schema)
        if args.json:
            print(json.dumps(summary, ensure_ascii=False))
        else:
            for key, value in summary.items():
                print(f"{key:16} {value}")
    return 1 if summary["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
