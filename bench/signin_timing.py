"""Does sign-in time tell whether an operator name exists? Interleaved tries, production hashing.

    python bench/signin_timing.py                 # scrypt (the default), 30 tries of each kind
    python bench/signin_timing.py --method pbkdf2:sha256:600000 --tries 50

Prints the median time of a wrong password for a real name, of an unknown name, and their ratio
(the ratio is what holds on a shared machine; 1.0 means the names cannot be told apart).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from ivr import create_app  # noqa: E402
from ivr.console import accounts  # noqa: E402
from ivr.store import db  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--method", default="scrypt")
    parser.add_argument("--tries", type=int, default=30)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="signin-bench-")
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
            "SECRET_KEY": "bench",
            "WTF_CSRF_ENABLED": False,
            "PASSWORD_HASH_METHOD": args.method,
            "CONSOLE_SIGNIN_FREE_FAILURES": 10**6,
            "CONSOLE_SIGNIN_MAX_FAILURES": 10**6,
            "CONSOLE_SIGNIN_MAX_FAILURES_PER_ADDRESS": 10**6,
            "IVR_DEMO_DATA": False,
        }
    )
    with app.app_context(), db.new_session() as session:
        accounts.create_operator(session, "hua", "supervisor", "correct horse battery", method=args.method)
    client = app.test_client()
    times = {"hua": [], "nobody": []}
    for _ in range(args.tries):
        for name in times:
            start = time.perf_counter()
            answer = client.post("/console/sign-in", data={"name": name, "password": "wrong guess!"})
            times[name].append(time.perf_counter() - start)
            assert answer.status_code == 401, answer.status_code
    known, unknown = statistics.median(times["hua"]), statistics.median(times["nobody"])
    print(
        f"method {args.method}, {args.tries} tries each: wrong password for a real name "
        f"{known * 1000:.1f} ms, unknown name {unknown * 1000:.1f} ms, ratio {unknown / known:.2f}"
    )


if __name__ == "__main__":
    main()
