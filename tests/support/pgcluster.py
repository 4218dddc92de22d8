"""A throwaway PostgreSQL cluster for fault injection: its own data directory, a free port, and
the power to freeze (SIGSTOP), thaw, stop and start it. The machine's own server is never touched."""

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import time

import pytest

BIN_DIRS = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """initdb + pg_ctl in a temporary directory; `url` reaches it as the `postgres` superuser."""

    def __init__(self, root):
        if not BIN_DIRS or not os.path.exists(os.path.join(BIN_DIRS[0], "initdb")):
            pytest.skip("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (initdb, pg_ctl)")
        self.bin, self.root = BIN_DIRS[0], str(root)
        self.data, self.port = os.path.join(self.root, "data"), free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        self.frozen = []

    def _run(self, *args, timeout=60):
        command = [os.path.join(self.bin, args[0]), *args[1:]]
        if os.geteuid() == 0:  # the server refuses to run as root: run it as the postgres user
            command = ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True)

    def create(self):
        os.makedirs(self.root, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
        self._run("initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "--no-sync", timeout=120)
        return self.start()

    def start(self):
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c max_connections=40"
        )
        self._run(
            "pg_ctl", "-D", self.data, "-o", options, "-l", os.path.join(self.root, "log"), "-w", "-t", "30", "start"
        )
        return self

    def stop(self):
        self.thaw()
        self._run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "-t", "30", "stop")

    def pids(self):
        """The postmaster and every process it started (backends, checkpointer, ...)."""
        with open(os.path.join(self.data, "postmaster.pid")) as handle:
            postmaster = int(handle.readline())
        children = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as handle:
                        fields = handle.read().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == postmaster:
                    children.append(int(entry))
        return [postmaster, *children]

    def freeze(self):
        """Stop every server process mid-flight: connections stay open, nothing answers."""
        self.frozen = self.pids()
        for pid in self.frozen:
            os.kill(pid, signal.SIGSTOP)

    def thaw(self):
        for pid in self.frozen:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)
        self.frozen = []

    def remove(self):
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


def wait_until(check, *, seconds=30):
    """Poll `check` until it is true (a bound, not a measurement); False when it never was."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False
