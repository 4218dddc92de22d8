"""Real server processes for tests: `python app.py` on a free port, `flask scheduler`, an HTTP client."""

import contextlib
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import requests

from tests.support import processes

ROOT = Path(__file__).resolve().parents[2]
START_SECONDS = 60


class Server:
    """`python app.py` in its own process group, on a port the OS chose; its printed URLs."""

    def __init__(self, env, *, workers=1):
        # The metrics directory is the test's, so that a server killed outright leaves none behind.
        self.metrics_dir = tempfile.mkdtemp(prefix="test-server-metrics-")
        environ = {
            **os.environ,
            "PORT": "0",
            "WEB_WORKERS": str(workers),
            "LOG_FORMAT": "json",
            "PROMETHEUS_MULTIPROC_DIR": self.metrics_dir,
            **env,
        }
        self.process = processes.start(
            [sys.executable, "app.py"],
            cwd=ROOT,
            env=environ,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.left_after_stop = None  # what still ran in its group once the master had stopped
        self.printed, self.errors = queue.Queue(), []
        self.readers = [
            threading.Thread(target=self._read, args=(self.process.stdout, self.printed.put), daemon=True),
            threading.Thread(target=self._read, args=(self.process.stderr, self.errors.append), daemon=True),
        ]
        for reader in self.readers:
            reader.start()
        self.lines = {}  # what the start banner names: hotline, console, softphone -> URL
        timeout = START_SECONDS
        while True:  # the banner is one write: once it started, the rest of it follows at once
            try:
                line = self.printed.get(timeout=timeout)
            except queue.Empty:
                if self.lines:
                    break
                self.stop()
                raise AssertionError("the server did not start:\n" + "".join(self.errors[-20:])) from None
            found = re.match(r"^\s*(?:(\w+):|(Hotline) running at)\s+(http://\S+)", line)
            if found:
                self.lines[(found.group(1) or found.group(2)).lower()] = found.group(3)
                timeout = 2
        self.base = re.match(r"http://[^/]+", self.lines["console"]).group()

    @staticmethod
    def _read(stream, put):
        for line in stream:
            put(line)

    def children(self):
        """Command lines of the processes in this server's group (master, workers, scheduler)."""
        return list(self.processes().values())

    def processes(self):
        """{pid: command line} of the processes in this server's group."""
        found = {}
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                if os.getpgid(int(pid)) == self.process.pid:
                    found[int(pid)] = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            except (ProcessLookupError, FileNotFoundError, PermissionError):
                continue
        return found

    def kill(self):
        """SIGKILL the whole server at once, as a host that dies."""
        processes.kill(self.process, readers=self.readers)
        shutil.rmtree(self.metrics_dir, ignore_errors=True)

    def stop(self):
        """SIGTERM the master, as systemd stops it (it stops its workers and the scheduler); then
        whatever it left behind in its group is noted in `left_after_stop` and killed."""
        if self.left_after_stop is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=30)
        self.left_after_stop = self.children()
        self.kill()


class HttpResponse:
    def __init__(self, response):
        self.status_code = response.status_code
        self.content_type = response.headers.get("Content-Type", "")
        self.data = response.content
        self.headers = response.headers


class HttpClient:
    """What tests/plugins/phone.Phone needs of a Flask test client, over HTTP to one or more servers in turn."""

    def __init__(self, *bases):
        self.bases = list(bases)
        self.used = []

    def post(self, path, data, headers):
        base = self.bases[len(self.used) % len(self.bases)]
        self.used.append(base)
        return HttpResponse(requests.post(base + path, data=data, headers=headers, timeout=15))


def scheduler(env):
    """`flask --app app scheduler`, as a second one started by mistake would be."""
    return processes.start(
        [sys.executable, "-m", "flask", "--app", "app", "scheduler"],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop(process):
    processes.stop(process, term_seconds=30)


def http_client(*bases):
    return HttpClient(*bases)
