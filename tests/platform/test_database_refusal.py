"""A database that cannot serve calls stops the web server and the scheduler at start, in one line with the fix.

Wrong host or port, a database that does not exist, an empty (unmigrated) one, a URL of a database
the hotline does not run on: each refuses with its reason and the command that fixes it, never
"Hotline running" with the apology on every call. /readyz says the same words.
"""

import os
import sys
import time
from urllib.parse import urlsplit, urlunsplit

import pytest

from ivr import create_app
from ivr.platform import database_check
from ivr.platform.health import refusal
from ivr.store import db
from ivr.store.migrate import upgrade
from tests.support import processes

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COMMANDS = {
    "web": ["app.py"],
    "scheduler": ["-m", "flask", "--app", "app", "scheduler"],
    "gunicorn": ["-m", "gunicorn", "-c", "gunicorn.conf.py", "app:app"],  # the multi-host web server
}


def start(command, database_url, **env):
    environ = {
        **os.environ,
        "DATABASE_URL": database_url,
        "AUTO_MIGRATE": "0",
        "IVR_DEMO_DATA": "0",
        "PORT": "0",
        "BIND": "127.0.0.1:0",
    }
    environ.pop("PROMETHEUS_MULTIPROC_DIR", None)
    return processes.run([sys.executable, *COMMANDS[command]], cwd=ROOT, env={**environ, **env}, timeout=60)


def refused_with(ran):
    """The last line the command printed on stderr, once it exited without starting."""
    assert ran.returncode != 0, ran.stdout + ran.stderr
    assert "running" not in ran.stdout and "Traceback" not in ran.stderr, ran.stdout + ran.stderr
    return ran.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unreachable_database_server_refuses_in_one_line(command):
    line = refused_with(start(command, "postgresql://hotline:secret@127.0.0.1:1/hotline"))
    assert "does not answer (Connection refused)" in line and "DATABASE_URL" in line and "127.0.0.1:1" in line
    assert "secret" not in line


@pytest.mark.parametrize("command", COMMANDS)
def test_an_empty_database_refuses_and_says_to_migrate(command, tmp_path):
    line = refused_with(start(command, f"sqlite:///{tmp_path}/empty.sqlite3"))
    assert "has no tables yet" in line and line.endswith("Run: flask --app app db upgrade")


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unsupported_database_is_refused_by_name_not_with_a_traceback(command):
    ran = start(command, "mysql://hotline:secret@db.example.org/hotline")
    line = refused_with(ran)
    assert "mysql is not supported" in line and "PostgreSQL or SQLite" in line
    assert "ModuleNotFoundError" not in ran.stderr and "secret" not in ran.stderr


@pytest.mark.parametrize("command", ["web", "gunicorn"])
def test_a_missing_postgresql_database_says_how_to_create_it(pg_server, command):
    parts = urlsplit(pg_server)
    missing = urlunsplit(parts._replace(path="/hotline_never_created"))
    line = refused_with(start(command, missing))
    assert '"hotline_never_created"' in line and "does not exist" in line
    assert "createdb" in line and line.endswith("flask --app app db upgrade")


def test_readyz_gives_the_words_the_server_refuses_with(app_config, tmp_path):
    empty = create_app({**app_config, "DATABASE_URL": f"sqlite:///{tmp_path}/empty.sqlite3"})
    try:
        said = empty.test_client().get("/readyz").json["reason"]
        assert said == refusal(empty) and "flask --app app db upgrade" in said
    finally:
        db.engine.dispose()


def test_waiting_for_the_database_ends_once_it_is_ready(app_config, tmp_path):
    """DATABASE_WAIT_SECONDS: an orchestrator migrates while the hotline waits; the wait is bounded."""
    url = f"sqlite:///{tmp_path}/later.sqlite3"
    app = create_app({**app_config, "DATABASE_URL": url, "DATABASE_WAIT_SECONDS": 30})
    now, told = [0.0], []

    def sleep(seconds):
        now[0] += seconds
        if now[0] >= 3:  # the migration job finishes three seconds in
            upgrade(url)

    try:
        heads, engine = app.extensions["ivr_schema_heads"], db.engine
        found = database_check.wait_until_ready(
            engine, url, heads, 30, sleep=sleep, clock=lambda: now[0], tell=told.append
        )
        assert found is None and 3 <= now[0] < 5
        assert len(told) == 1 and "Waiting up to 30 s" in told[0]
    finally:
        db.engine.dispose()


def test_waiting_gives_up_after_the_setting_and_says_why(app_config, tmp_path):
    url = f"sqlite:///{tmp_path}/never.sqlite3"
    app = create_app({**app_config, "DATABASE_URL": url})
    now = [0.0]
    try:
        found = database_check.wait_until_ready(
            db.engine,
            url,
            app.extensions["ivr_schema_heads"],
            10,
            sleep=lambda s: now.__setitem__(0, now[0] + s),
            clock=lambda: now[0],
            tell=lambda line: None,
        )
        assert "has no tables yet" in found and now[0] == pytest.approx(10)
    finally:
        db.engine.dispose()


def test_gunicorn_waits_the_setting_for_the_database_then_refuses(tmp_path):
    """DATABASE_WAIT_SECONDS holds under gunicorn.conf.py too: a bounded wait, said once, then the one line."""
    began = time.monotonic()
    ran = start("gunicorn", f"sqlite:///{tmp_path}/never.sqlite3", DATABASE_WAIT_SECONDS="2")
    line = refused_with(ran)
    assert "has no tables yet" in line and line.endswith("Run: flask --app app db upgrade")
    assert "Waiting up to 2 s (DATABASE_WAIT_SECONDS)" in ran.stderr
    assert 2 <= time.monotonic() - began < 60
    assert "Listening at" not in ran.stderr
