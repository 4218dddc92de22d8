"""`python app.py` serves with gunicorn plus exactly one scheduler, prints where to go, stops cleanly."""

import contextlib
import json
import os
import queue
import signal
import threading
import time

import pytest
import requests

from tests.support import processes
from tests.support.app import read_sms
from tests.support.calls import report_call
from tests.support.known import HOLDERS
from tests.support.servers import http_client

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_python_app_py_serves_a_call_with_gunicorn_and_one_scheduler(tmp_path, make_phone, start_server):
    sms_file = tmp_path / "sms.jsonl"
    server = start_server(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path}/h.sqlite3",
            "SMS_BACKEND": "file",
            "SMS_FILE": str(sms_file),
            "SMS_DISPATCH_SECONDS": "1",
            "SMS_QUIET_HOURS": "",
            "METRICS_TOKEN": "scrape",
        },
        workers=2,
    )
    try:
        assert set(server.lines) == {"hotline", "console", "softphone"}
        assert server.lines["softphone"] == server.base + "/softphone"
        health = requests.get(server.base + "/healthz", timeout=10)
        assert health.status_code == 200 and "gunicorn" in health.headers["Server"]
        assert requests.get(server.base + "/readyz", timeout=10).json()["status"] == "ok"
        running = server.children()
        assert sum("scheduler" in line for line in running) == 1
        assert sum("scheduler" not in line for line in running) == 3  # the master and two workers

        call = report_call(make_phone(http_client(server.base), None), HOLDERS["zhang"])  # the demo cardholder
        call.press("1")
        assert "受理编号" in call.heard
        for _ in range(300):  # the scheduler sends the confirmation within a few of its 1 s ticks
            if read_sms(sms_file):
                break
            time.sleep(0.1)
        assert [sms["kind"] for sms in read_sms(sms_file)] == ["preloss_confirmation"]
        # /metrics through either worker adds up both workers' and the scheduler's counters.
        scraped = requests.get(server.base + "/metrics", headers={"Authorization": "Bearer scrape"}, timeout=10).text
        assert 'hotline_sms_total{kind="preloss_confirmation",outcome="sent"} 1.0' in scraped
        assert 'hotline_scheduler_job_seconds_count{job="dispatch-messages"}' in scraped
        assert "hotline_reports_filed_total 1.0" in scraped

        [crashed] = [pid for pid, line in server.processes().items() if "scheduler" in line]
        os.kill(crashed, signal.SIGKILL)
        for _ in range(300):  # the master notices within a few seconds and starts another
            again = [pid for pid, line in server.processes().items() if "scheduler" in line and pid != crashed]
            if again:
                break
            time.sleep(0.1)
        assert len(again) == 1
    finally:
        server.stop()
    assert server.process.returncode == 0
    assert server.left_after_stop == []  # the scheduler went with the master
    access = [json.loads(line) for line in server.errors + list(server.printed.queue) if '"gunicorn.access"' in line]
    assert access and all("?" not in line["path"] for line in access)
    assert not any("13800138000" in line or "246810" in line for line in server.errors + list(server.printed.queue))


def test_python_app_py_prints_each_sms_on_its_terminal_by_default(tmp_path, make_phone, start_server):
    """The README's embedded default: SMS printed to the console, where `python app.py` runs."""
    server = start_server(
        {"DATABASE_URL": f"sqlite:///{tmp_path}/h.sqlite3", "SMS_DISPATCH_SECONDS": "1", "SMS_QUIET_HOURS": ""}
    )
    try:
        call = report_call(make_phone(http_client(server.base), None), HOLDERS["zhang"])
        call.press("1")
        assert "受理编号" in call.heard
        printed = []
        deadline = time.monotonic() + 30  # the scheduler sends it within a few of its 1 s ticks
        while time.monotonic() < deadline and not any("[SMS " in line for line in printed):
            with contextlib.suppress(queue.Empty):
                printed.append(server.printed.get(timeout=0.5))
    finally:
        server.stop()
    [sms] = [line for line in printed if "[SMS " in line]
    assert sms.startswith("[SMS preloss_confirmation to +86 138****8000] 【")
    assert "受理编号" in sms and "13800138000" not in sms


def test_production_prints_no_softphone_and_runs_no_scheduler_when_told(tmp_path, start_server):
    server = start_server(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path}/h.sqlite3",
            "IVR_ENV": "production",
            "SECRET_KEY": "a-real-secret",
            "TWILIO_AUTH_TOKEN": "token",
            "RUN_SCHEDULER": "0",
            "PASSWORD_PEPPER": "1:" + "p" * 32,
        }
    )
    try:
        assert set(server.lines) == {"hotline", "console"}
        assert not any("scheduler" in line for line in server.children())
        unsigned = requests.post(server.base + "/voice/incoming", data={"CallSid": "CA" + "1" * 32}, timeout=10)
        assert unsigned.status_code == 403
    finally:
        server.stop()


def test_gunicorn_conf_serves_with_an_access_log_free_of_query_strings(tmp_path):
    import re
    import subprocess
    import sys

    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path}/h.sqlite3",
        "BIND": "127.0.0.1:0",
        "WEB_CONCURRENCY": "2",
        "WEB_THREADS": "2",
        "METRICS_TOKEN": "scrape",
    }
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    process = processes.start(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "app:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines = []
    # A gunicorn that never speaks must not hang the test: its whole group goes, and the pipe closes.
    watchdog = threading.Timer(60, processes.signal_group, (process, signal.SIGKILL))
    watchdog.start()
    try:
        for line in process.stdout:  # gunicorn says where it listens before it serves
            lines.append(line)
            found = re.search(r"Listening at: (http://127\.0\.0\.1:\d+)", line)
            if found or len(lines) > 200:
                break
        assert found, "".join(lines)
        base = found.group(1)
        assert requests.get(base + "/readyz", timeout=10).status_code == 200
        for _ in range(4):  # enough requests that both workers answer some
            requests.get(base + "/console/calls?caller=%2B8613800138000", timeout=10, allow_redirects=False)
        sid = "CA" + "7" * 32
        assert requests.post(base + "/voice/incoming", data={"CallSid": sid, "From": "+8613900000000"}, timeout=10).ok
        scraped = requests.get(base + "/metrics", headers={"Authorization": "Bearer scrape"}, timeout=10).text
        assert "hotline_outbox_due" in scraped
    finally:
        process.send_signal(signal.SIGTERM)
        watchdog.cancel()
        try:
            rest, _ = process.communicate(timeout=30)
        finally:
            processes.kill(process)  # anything the master left behind
    logged = "".join(lines) + rest
    access = [json.loads(line) for line in logged.splitlines() if '"gunicorn.access"' in line]
    assert [entry["path"] for entry in access].count("/console/calls") == 4
    # A webhook is logged once, by the app, with its CallSid: no second access line.
    webhook = [json.loads(line) for line in logged.splitlines() if f'"call_sid": "{sid}"' in line]
    assert [entry["step"] for entry in webhook] == ["voice.welcome.incoming"]
    assert not [entry for entry in access if entry["path"].startswith("/voice/")]
    assert "8613800138000" not in logged and "caller=" not in logged
    assert process.returncode == 0


@pytest.mark.parametrize(
    ("database_url", "threads"),
    [(None, 1), ("sqlite:////srv/hotline/hotline.sqlite3", 1), ("postgresql://hotline@db/hotline", 2)],
)
def test_each_web_worker_runs_one_thread_on_sqlite_and_two_on_postgresql(monkeypatch, tmp_path, database_url, threads):
    import runpy

    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))  # the file would make a directory of its own
    monkeypatch.delenv("WEB_THREADS", raising=False)
    if database_url is None:
        monkeypatch.delenv("DATABASE_URL", raising=False)
    else:
        monkeypatch.setenv("DATABASE_URL", database_url)
    assert runpy.run_path(os.path.join(ROOT, "gunicorn.conf.py"))["threads"] == threads
    monkeypatch.setenv("WEB_THREADS", "4")
    assert runpy.run_path(os.path.join(ROOT, "gunicorn.conf.py"))["threads"] == 4


def test_python_app_py_sizes_its_threads_by_the_same_rule(app):
    from ivr.cli.serve import options

    assert app.config["DATABASE_URL"].startswith("sqlite")
    assert options(app, None)["threads"] == 1
    app.config["WEB_THREADS"] = 3
    assert options(app, None)["threads"] == 3


def filesystem_of(path):
    """The type of the filesystem `path` is on (the longest mount point that holds it)."""
    with open("/proc/mounts") as mounts:
        points = [(line.split()[1], line.split()[2]) for line in mounts]
    path = os.path.realpath(path)
    holding = [(point, kind) for point, kind in points if path == point or path.startswith(point.rstrip("/") + "/")]
    return max(holding, key=lambda mount: len(mount[0]))[1]


@pytest.mark.skipif(not os.path.isdir("/dev/shm"), reason="no /dev/shm on this system")
def test_the_workers_heartbeats_and_counters_are_kept_in_memory_not_on_a_disk_that_may_stall(app, monkeypatch):
    # On a disk-backed /tmp, gunicorn's heartbeat (an fchmod) waited for a busy disk's journal, and the
    # worker's main loop, which accepts the callers' connections, with it.
    import runpy

    from ivr.cli.serve import options

    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", "")  # unset: the file makes one of its own
    conf = runpy.run_path(os.path.join(ROOT, "gunicorn.conf.py"))
    try:
        assert filesystem_of(conf["worker_tmp_dir"]) == "tmpfs"
        assert filesystem_of(os.environ["PROMETHEUS_MULTIPROC_DIR"]) == "tmpfs"
    finally:
        conf["on_exit"](None)
    assert not os.path.exists(os.environ["PROMETHEUS_MULTIPROC_DIR"])  # its own directory, removed at exit
    assert filesystem_of(options(app, None)["worker_tmp_dir"]) == "tmpfs"


def test_ctrl_c_stops_python_app_py_quietly_without_restarting_the_scheduler(tmp_path, start_server):
    """Ctrl-C signals the whole foreground group: the scheduler stopping too is no crash to report or repair."""
    server = start_server({"DATABASE_URL": f"sqlite:///{tmp_path}/h.sqlite3", "LOG_FORMAT": "text"})
    assert sum("scheduler" in line for line in server.children()) == 1
    time.sleep(3)  # the scheduler is up and running its jobs, as after any start
    processes.signal_group(server.process, signal.SIGINT)  # what the terminal sends on Ctrl-C
    assert server.process.wait(timeout=60) == 0
    for reader in server.readers:
        reader.join(timeout=10)
    said = "".join(server.errors) + "".join(server.printed.queue)
    assert "starting it again" not in said and "ERROR" not in said and "Aborted!" not in said, said[-3000:]
    assert server.children() == []  # nothing started during the stop is left running
