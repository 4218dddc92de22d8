"""The load benchmark's callers: softphones in threads of a few processes, timing every webhook.

Used by bench/webhooks.py, which starts the server and prints the table.
"""

import multiprocessing
import random
import threading
import time

from bench.common import TOKEN, holder_keys
from bench.processes import family_cpu_seconds


def apology_marks():
    from ivr.prompts import CATALOGUE

    return [CATALOGUE["common.system_error"][lang].split("{")[0] for lang in ("zh", "en")]


class TimedTransport:
    """HTTP to the server; notes each request's latency and whether the caller heard an apology."""

    def __init__(self, inner, marks, stats):
        self.inner, self.marks, self.stats = inner, marks, stats

    def request(self, method, url, form, headers):
        start = time.perf_counter()
        status, content_type, body = self.inner.request(method, url, form, headers)
        self.stats["latencies"].append(time.perf_counter() - start)
        text = body.decode("utf-8", "replace")
        if status != 200 or any(mark in text for mark in self.marks):
            self.stats["errors"] += 1
        return status, content_type, body


def caller(base, bare, holders, think, deadline, stats, seed):
    """One caller placing calls until the deadline: a report call each time, or keys at the bare endpoint."""
    from ivr.softphone.engine import SoftCall
    from ivr.softphone.line import Line
    from ivr.softphone.transports import HttpTransport

    rng = random.Random(seed)
    transport = TimedTransport(HttpTransport(timeout=30), apology_marks(), stats)
    url = base + ("/bench/bare" if bare else "/voice/incoming")
    while time.monotonic() < deadline:
        n = next(holders)
        line = Line(
            transport=transport,
            url=url,
            token=TOKEN,
            caller=f"+86139{n % 10**8:08d}",
            status_url=None if bare else "/voice/status",
        )
        call = SoftCall(line)
        call.ring()
        keys = ["1"] * 8 if bare else holder_keys(n)
        for key in keys:
            if call.ended or call.error or time.monotonic() >= deadline + 30:
                break
            if think:
                time.sleep(rng.uniform(0.5 * think, 1.5 * think))
            call.press(key)
        if call.error:
            stats["errors"] += 1
        elif bare or call.ended:
            stats["completed"] += 1


def client_process(base, bare, first, step, callers, think, deadline, queue):
    """A share of the callers, as threads of one process (several processes dodge one GIL)."""
    stats = {"latencies": [], "errors": 0, "completed": 0}
    lock = threading.Lock()
    counter = iter(range(first, 10**9, step))

    def holders():
        while True:
            with lock:
                yield next(counter)

    shared = holders()
    threads = [
        threading.Thread(target=caller, args=(base, bare, shared, think, deadline, stats, first * 1000 + i))
        for i in range(callers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=deadline - time.monotonic() + 120)
    queue.put(stats)


def run_load(base, server, *, bare, callers, think, seconds, first_holder, processes=2):
    queue = multiprocessing.Queue()
    master, logged_before = server.pid, len(server.app_ms)
    cpu_before = family_cpu_seconds(master)
    start = time.monotonic()
    deadline = start + seconds
    shares = [callers // processes + (1 if i < callers % processes else 0) for i in range(processes)]
    workers = [
        multiprocessing.Process(
            target=client_process, args=(base, bare, first_holder + i, processes, shares[i], think, deadline, queue)
        )
        for i in range(processes)
    ]
    for worker in workers:
        worker.start()
    results = [queue.get(timeout=seconds + 300) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    elapsed = time.monotonic() - start
    cpu = family_cpu_seconds(master) - cpu_before
    latencies = sorted(x for r in results for x in r["latencies"])
    completed = sum(r["completed"] for r in results)
    in_app = sorted(server.app_ms[logged_before:])  # the bare endpoint logs no webhook line
    return {
        "requests_per_s": len(latencies) / elapsed,
        "p50_ms": quantile(latencies, 0.5) * 1000,
        "p99_ms": quantile(latencies, 0.99) * 1000,
        "app_p50_ms": quantile(in_app, 0.5) if in_app else None,
        "app_p99_ms": quantile(in_app, 0.99) if in_app else None,
        "completed_per_s": completed / elapsed,
        "completed": completed,
        "errors": sum(r["errors"] for r in results),
        "requests": len(latencies),
        "server_cpu_ms_per_call": (cpu * 1000 / completed) if completed and not bare else None,
        "server_cpu_ms_per_request": cpu * 1000 / len(latencies) if latencies else None,
    }


def quantile(ordered, q):
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0
