"""What a newcomer's terminal shows: words at a terminal, JSON for machines, one pepper warning per
server start, migrations only when they run, and no log line between the softphone's prompts."""

import io
import json
import os
import select
import sys
import time

from ivr import create_app
from ivr.store import db
from tests.support import processes

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def flask(tmp_path, *args):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/h.sqlite3"}
    for name in ("LOG_FORMAT", "PASSWORD_PEPPER", "PASSWORD_PEPPER_FILE", "IVR_ENV"):
        env.pop(name, None)
    done = processes.run([sys.executable, "-m", "flask", "--app", "app", *args], cwd=ROOT, env=env, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def test_migrations_speak_only_when_they_run(tmp_path):
    first = flask(tmp_path, "db", "upgrade")
    assert "Running upgrade" in first and "0001_core" in first
    again = flask(tmp_path, "db", "upgrade")
    assert again.strip() == "database is up to date"


def test_the_softphone_shows_the_call_and_nothing_else(tmp_path):
    flask(tmp_path, "db", "upgrade")
    said = flask(tmp_path, "call", "--keys", "1,1")
    lines = said.splitlines()
    assert any("挂失社保卡请按1" in line for line in lines)
    assert not [line for line in lines if line.lstrip().startswith("{")]  # no log line between the prompts
    assert "PASSWORD_PEPPER" not in said and "alembic" not in said and "Context impl" not in said


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_logs_are_words_at_a_terminal_and_json_elsewhere_unless_set(app_config, monkeypatch):
    def log_format(**config):
        try:
            return create_app({**app_config, **config}).config["LOG_FORMAT"]
        finally:
            db.engine.dispose()

    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert log_format() == "json"
    monkeypatch.setattr(sys, "stderr", Terminal())
    assert log_format() == "text"
    assert log_format(LOG_FORMAT="json") == "json"
    production = {"IVR_ENV": "production", "SECRET_KEY": "a-real-secret", "PASSWORD_PEPPER": "1:" + "p" * 32}
    assert log_format(**production) == "json"


def read_terminal(fd, process, seconds):
    """What the process wrote to its terminal within `seconds` (or until the banner and a moment more)."""
    seen, deadline = b"", time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
        if b"Hotline running" in seen:
            deadline = min(deadline, time.monotonic() + 3)  # the workers and the scheduler start meanwhile
    return seen.decode(errors="replace")


def test_python_app_py_at_a_terminal_speaks_in_words_and_warns_once(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/h.sqlite3", "PORT": "0", "WEB_WORKERS": "2"}
    env["PROMETHEUS_MULTIPROC_DIR"] = str(tmp_path)
    for name in ("LOG_FORMAT", "PASSWORD_PEPPER", "PASSWORD_PEPPER_FILE", "IVR_ENV"):
        env.pop(name, None)
    main, side = os.openpty()
    process = processes.start([sys.executable, "app.py"], cwd=ROOT, env=env, stdin=side, stdout=side, stderr=side)
    os.close(side)
    try:
        shown = read_terminal(main, process, seconds=60)
    finally:
        processes.stop(process)
        os.close(main)
    lines = [line.strip() for line in shown.splitlines() if line.strip()]
    assert any("Hotline running" in line for line in lines), shown
    assert sum("PASSWORD_PEPPER is not set" in line for line in lines) == 1, shown
    for line in lines:
        assert not line.startswith("{"), line
        try:
            json.loads(line)
        except ValueError:
            continue
        raise AssertionError(f"a JSON line at a terminal: {line}")
