"""Instructions per report call: a CPU figure that does not move with what else the machine does.

    python bench/instructions.py [--postgres URL] [--calls 10]

Timings on a shared 2-core machine move by a quarter between runs minutes apart; an instruction
count under valgrind's callgrind repeats to within a per cent. Report calls of made-up cardholders
are placed in-process through the softphone (as bench/statements.py does), once with no timed calls
and once with `--calls`, each run under `valgrind --tool=callgrind`; the difference divided by the
calls is the app's work per report call plus the softphone's own client side (a constant), without
the database server's work or the kernel's. Use it to compare two versions of the code: run it in
each checkout. Needs valgrind (Debian's package); each run takes a minute or two. Not a test.
"""

import argparse
import io
import os
import re
import shutil
import site
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def place_calls(url, calls):
    """The measured process: warm up (imports, compiled statements, the pool), then `calls` calls."""
    from bench.common import bench_app, demo_line, holder_row
    from bench.statements import place
    from ivr.directory.cardholder_csv import import_csv
    from ivr.store import db

    app = bench_app(url, IVR_DEMO_DATA=False, TESTING=False)
    header = "id_number,name,mobile,card_number,service_password,language\n"
    with app.app_context():
        with db.new_session() as session:
            rows = "".join(",".join(holder_row(n)) + "\n" for n in range(calls + 10))
            import_csv(session, io.StringIO(header + rows), app.config)
        line = demo_line(app)
        for n in range(8 + calls):
            place(line, n)
    db.engine.dispose()


def counted(url, calls, tmp):
    """Instructions callgrind counted for a process placing `calls` report calls after the warm-up."""
    out = os.path.join(tmp, f"callgrind-{calls}.out")
    command = [
        "valgrind",
        "--tool=callgrind",
        f"--callgrind-out-file={out}",
        os.path.realpath(sys.executable),  # not a shim script: valgrind must run Python itself
        os.path.abspath(__file__),
        "--child",
        url,
        str(calls),
    ]
    # The real interpreter does not know it belongs to a virtual environment: hand it the packages.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([ROOT, *site.getsitepackages()])}
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=3600, env=env)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or not found:
        raise SystemExit(f"the run under valgrind failed:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def measure(url, calls, tmp):
    if url.startswith("sqlite"):
        base, more = (f"sqlite:///{tmp}/instructions-{n}.sqlite3" for n in (0, calls))
    else:
        base = more = url
    return (counted(more, calls, tmp) - counted(base, 0, tmp)) / calls


def main():
    if sys.argv[1:2] == ["--child"]:
        place_calls(sys.argv[2], int(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--calls", type=int, default=10)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    with tempfile.TemporaryDirectory() as tmp:
        print(f"sqlite: {measure('sqlite', args.calls, tmp) / 1e6:.1f} M instructions per report call")
        if args.postgres:
            per_call = measure(args.postgres, args.calls, tmp)
            print(f"postgresql: {per_call / 1e6:.1f} M instructions per report call")


if __name__ == "__main__":
    main()
