"""Can this database serve calls? One line saying what is wrong and the command that fixes it.

The web server and the scheduler refuse to start with that line (ivr/cli/serve.py, `flask scheduler`)
instead of saying "running" while every call gets the apology; /readyz gives the same words. With
DATABASE_WAIT_SECONDS set (an orchestrator starting the database beside the hotline) they first
wait that long for the database to answer.
"""

import re
import time

from sqlalchemy.engine import make_url

from ivr.store.migrate import stored_revisions

UPGRADE = "flask --app app db upgrade"
MISSING_DATABASE = re.compile(r'database "([^"]+)" does not exist')
REFUSED_LOGIN = re.compile(r'role "[^"]+" does not exist|password authentication failed|no password supplied')


def where(url):
    """The database a URL names, for a person: host, port and name, never the password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"{parsed.database} (SQLite)" if parsed.database else "in memory (SQLite)"
    return f'"{parsed.database}" on {parsed.host or "localhost"}:{parsed.port or 5432}'


def cause(exc):
    """The driver's reason in a few words: the first line, after the last "failed:"."""
    said = str(getattr(exc, "orig", None) or exc).strip()
    first = said.splitlines()[0] if said else type(exc).__name__
    return first.rsplit("failed: ", 1)[-1].replace("FATAL:  ", "").strip()


def unreachable(url, exc):
    """Why a connection to `url` failed, and what to do about it."""
    parsed, reason = make_url(url), cause(exc)
    if parsed.get_backend_name() == "sqlite":
        return (
            f"Cannot serve calls: the database {where(url)} cannot be opened ({reason}). "
            "Create its folder, or fix DATABASE_URL."
        )
    missing = MISSING_DATABASE.search(reason)
    if missing:
        return (
            f"Cannot serve calls: the database {where(url)} does not exist. Create it "
            f"(createdb -h {parsed.host or 'localhost'} -U {parsed.username or 'postgres'} {missing.group(1)}), "
            f"then run: {UPGRADE}"
        )
    if REFUSED_LOGIN.search(reason):
        return (
            f"Cannot serve calls: the database server refused the login to {where(url)} ({reason}). "
            "Fix the user or password in DATABASE_URL."
        )
    return (
        f"Cannot serve calls: the database server for {where(url)} does not answer ({reason}). Start it or fix "
        "DATABASE_URL (DATABASE_WAIT_SECONDS makes the hotline wait for it at start)."
    )


def schema_problem(url, current, expected):
    """What is wrong with a reachable database's schema revision(s), or None when it is this release's."""
    if current == expected:
        return None
    if not current:
        return f"Cannot serve calls: the database {where(url)} has no tables yet. Run: {UPGRADE}"
    now, needed = ", ".join(sorted(current)), ", ".join(sorted(expected))
    return (
        f"Cannot serve calls: the database {where(url)} is at revision {now}, this release needs {needed}. "
        f"Run: {UPGRADE}"
    )


def problem(engine, url, expected):
    """None when the database answers and its schema is `expected`; else the one line to show."""
    try:
        current = stored_revisions(engine)
    except Exception as exc:  # any failure to reach the database: say which, in words
        return unreachable(url, exc)
    return schema_problem(url, current, expected)


def wait_until_ready(engine, url, expected, seconds, *, sleep=time.sleep, clock=time.monotonic, tell=print):
    """The database's problem once `seconds` have passed without it being ready (None: ready)."""
    deadline = clock() + seconds
    found = problem(engine, url, expected)
    if found and seconds > 0:
        tell(f"{found} Waiting up to {seconds} s (DATABASE_WAIT_SECONDS).")
    while found and clock() < deadline:
        sleep(min(1.0, max(0.0, deadline - clock())))
        found = problem(engine, url, expected)
    return found
