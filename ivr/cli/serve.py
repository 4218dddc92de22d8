"""`python app.py`: the hotline under gunicorn (its application API) with the one scheduler beside it.

The master builds the app once (checking every setting, migrating an embedded database, loading
demo data), then forks workers that each build their own app and database pool. The scheduler is
a separate process started and stopped by the master: never inside a worker, never forked from
one, so it runs exactly once however many workers serve.
"""

import logging
import os
import shutil
import signal
import subprocess
import sys
import threading

from gunicorn.app.base import BaseApplication

from ivr import create_app
from ivr.console.front import start_banner
from ivr.identity import passwords
from ivr.platform import health
from ivr.platform.config import ConfigError
from ivr.platform.sizing import threads_per_worker
from ivr.store import db

# Seconds gunicorn gives a request before the worker is replaced: below Twilio's 15 s webhook limit.
REQUEST_TIMEOUT = 10
GRACEFUL_TIMEOUT = 20
RESTART_CHECK_SECONDS = 2
INHERITED = ("OPERATOR_HOURS", "OPERATOR_QUEUE")
# `flask ...` (flask.cli.main reads the arguments after -c), with SIGINT ignored before anything loads.
SCHEDULER_MAIN = "import signal; signal.signal(signal.SIGINT, signal.SIG_IGN); from flask.cli import main; main()"
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)  # gunicorn stops on these (HUP reloads)
REFUSED = 2  # the exit status of a server that would not start (settings or database)
log = logging.getLogger(__name__)


class HotlineServer(BaseApplication):
    """gunicorn with options from a dict instead of a command line."""

    def __init__(self, options, inherited):
        self.options, self.inherited = options, inherited
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        # The master already migrated and loaded demo data: a worker only serves, as the master decided.
        return create_app({"AUTO_MIGRATE": False, "IVR_DEMO_DATA": False, **self.inherited})


class SchedulerProcess:
    """The one scheduler, as a child of gunicorn's master, started again if it dies."""

    def __init__(self, inherited):
        self.process, self.inherited = None, inherited
        self.stopping = threading.Event()

    def start(self):
        self._spawn()
        threading.Thread(target=self._watch, name="scheduler-watch", daemon=True).start()

    def _spawn(self):
        env = {**os.environ, "AUTO_MIGRATE": "0", "IVR_DEMO_DATA": "0", **self.inherited}
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # where `ivr` is
        # Its output is the server's: the console SMS gateway prints each message where
        # `python app.py` runs (the README's embedded default). It ignores SIGINT from its first line:
        # the terminal's Ctrl-C reaches the whole group, and the master stops the scheduler in turn
        # (stop(): SIGTERM) instead of it dying mid-job, printing "Aborted!" or a traceback.
        self.process = subprocess.Popen(
            [sys.executable, "-c", SCHEDULER_MAIN, "--app", "ivr:create_app()", "scheduler", "--quiet"],
            env=env,
            cwd=root,
        )

    def expect_stop(self, signum, _frame):
        """The master is told to stop (Ctrl-C and `timeout` signal the whole group): the scheduler
        ending now is part of the stop, not a crash to report and start again."""
        self.stopping.set()

    def _watch(self):
        # gunicorn's master reaps every child, so poll() may report 0 for a scheduler that crashed.
        while not self.stopping.wait(RESTART_CHECK_SECONDS):
            ended = self.process.poll()
            if ended is None or self.stopping.is_set():
                continue
            # Ctrl-C, `timeout` and systemd signal the whole process group: the scheduler may stop
            # a moment before the master does. Give the master that moment before starting another.
            if ended in (-signal.SIGINT, -signal.SIGTERM) and self.stopping.wait(GRACEFUL_TIMEOUT):
                return
            log.error("the scheduler process %s ended (%s); starting it again", self.process.pid, ended)
            self._spawn()

    def stop(self):
        self.stopping.set()
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=GRACEFUL_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()


def chain(signum, first):
    """Run `first(signum, frame)`, then the handler `signum` had (gunicorn's master queues its signals)."""
    then = signal.getsignal(signum)

    def handler(number, frame):
        first(number, frame)
        if callable(then):
            then(number, frame)

    signal.signal(signum, handler)


def options(app, scheduler):
    """gunicorn's settings for `python app.py` (gunicorn.conf.py holds the multi-host ones)."""

    def when_ready(server):
        host, port = server.LISTENERS[0].sock.getsockname()[:2]
        print(start_banner(app, host, port), flush=True)
        if scheduler:
            for signum in STOP_SIGNALS:  # beside gunicorn's own handler, which still stops the server
                chain(signum, scheduler.expect_stop)
            scheduler.start()

    def on_exit(_server):
        if scheduler:
            scheduler.stop()

    def child_exit(_server, worker):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)

    return {
        "bind": f"{app.config['HOST']}:{app.config['PORT']}",
        "workers": app.config["WEB_WORKERS"],
        "threads": app.config["WEB_THREADS"] or threads_per_worker(app.config["DATABASE_URL"]),
        "worker_class": "gthread",
        # Heartbeats in memory, not on a disk that may be busy (gunicorn.conf.py says why).
        "worker_tmp_dir": "/dev/shm" if os.path.isdir("/dev/shm") else None,
        "timeout": REQUEST_TIMEOUT,
        "graceful_timeout": GRACEFUL_TIMEOUT,
        "accesslog": "-",
        "logger_class": "ivr.platform.access_log."
        + ("TextAccessLogger" if app.config["LOG_FORMAT"] == "text" else "JsonAccessLogger"),
        "when_ready": when_ready,
        "on_exit": on_exit,
        "child_exit": child_exit,
        "control_socket_disable": True,  # one fixed path per user: two servers on a host would collide
    }


def checked_app():
    """(app, None) when the settings hold and the database can serve calls, else (None, the one line why).

    The one start-up decision for `python app.py` and for gunicorn.conf.py's master: settings
    checked, an embedded database migrated, then a bounded wait (DATABASE_WAIT_SECONDS) for the
    database to answer at this release's schema. The app's pool is closed before gunicorn forks.
    """
    try:
        app = create_app()
        refused = health.refusal(app, tell=lambda line: print(line, file=sys.stderr, flush=True))
    except ConfigError as exc:
        return None, str(exc)
    db.engine.dispose()  # gunicorn forks next: each worker opens its own connections
    return (None, refused) if refused else (app, None)


def main():
    """Check the settings, prepare the database, then serve until stopped (Ctrl-C)."""
    # app.py set PROMETHEUS_MULTIPROC_DIR before prometheus_client was imported; a directory of
    # its own making is removed at exit, one given by the environment is left to its owner.
    metrics_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")
    own_dir = os.path.basename(metrics_dir).startswith("hotline-metrics-")

    app, refused = checked_app()
    if refused:
        print(refused, file=sys.stderr)
        if own_dir:
            shutil.rmtree(metrics_dir, ignore_errors=True)
        return REFUSED
    passwords.warn_if_derived(app.config["PASSWORD_KEYRING"])
    # What the master derived from demo data (the demo's staffed queue), for the workers and the scheduler.
    inherited = {key: app.config[key] for key in INHERITED}
    scheduler = SchedulerProcess(inherited) if app.config["RUN_SCHEDULER"] is not False else None
    try:
        HotlineServer(options(app, scheduler), inherited).run()
    finally:
        if own_dir:
            shutil.rmtree(metrics_dir, ignore_errors=True)
    return 0
