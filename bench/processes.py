"""Processes the benchmarks start and watch: free ports, process families, their CPU and memory."""

import os
import signal
import socket
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    """A loopback port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def family(pid):
    """A process and its children (gunicorn's master and its workers)."""
    pids = [pid]
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            pids += [int(child) for child in handle.read().split()]
    except OSError:
        pass
    return pids


def cpu_seconds(pid):
    """CPU time (user + system) a process has used so far; 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


def family_cpu_seconds(pid):
    """CPU time of a process, its live children, and the children it has reaped.

    gunicorn recycles workers (max_requests): a worker that ended mid-run took its CPU with it
    unless the master's reaped-children time (cutime + cstime) is counted too.
    """
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    reaped = (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")
    return reaped + sum(cpu_seconds(p) for p in family(pid))


def rss_kib(pid):
    """Resident memory of a process in KiB; 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            return int(next(line for line in handle if line.startswith("VmRSS")).split()[1])
    except (OSError, StopIteration):
        return 0


def start(args, env, log_path):
    """A child in a process group of its own, writing to `log_path`, so `stop` can end all of it."""
    log = open(log_path, "ab")  # noqa: SIM115  (the child process writes to it for its whole life)
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def wait_ready(port, deadline):
    """True once something accepts connections on `port`, False at the monotonic `deadline`."""
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            time.sleep(0.2)
    return False


def stop(process):
    """SIGTERM to the child's group, then SIGKILL if it has not ended within 20 s."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
