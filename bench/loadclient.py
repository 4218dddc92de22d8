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
    """HTTP to the server; notes the latency of each request sent while the window is open, and
    whether the caller heard an apology."""

    def __init__(self, inner, marks, stats, opens, closes):
        self.inner, self.marks, self.stats, self.opens, self.closes = inner, marks, stats, opens, closes

    def request(self, method, url, form, headers):
        sent, start = time.monotonic(), time.perf_counter()
        status, content_type, body = self.inner.request(method, url, form, headers)
        if not self.opens <= sent < self.closes:
            return status, content_type, body
        self.stats["latencies"].append(time.perf_counter() - start)
        text = body.decode("utf-8", "replace")
        if status != 200 or any(mark in text for mark in self.marks):
            self.stats["errors"] += 1
        return status, content_type, body


def caller(base, baseline, next_holder, think, window, stats, seed):
    """One caller placing calls until the window closes: a report call each time, or keys at a
    baseline endpoint (`/bench/bare`, `/bench/floor`). The first ring waits a random part of the
    ramp (a call's length), so that by the time the window opens the callers are spread over every
    step of a call, as a hotline's callers are: all ringing in the same instant is a burst no
    hotline sees, and it ruled the p99 measured."""
    from ivr.softphone.engine import SoftCall
    from ivr.softphone.line import Line
    from ivr.softphone.transports import HttpTransport

    opens, closes = window
    rng = random.Random(seed)
    transport = TimedTransport(HttpTransport(timeout=30), apology_marks(), stats, opens, closes)
    url = base + (baseline or "/voice/incoming")
    time.sleep(rng.uniform(0, max(0.0, opens - time.monotonic())))
    while time.monotonic() < closes:
        n = next_holder()
        line = Line(
            transport=transport,
            url=url,
            token=TOKEN,
            caller=f"+86139{n % 10**8:08d}",
            status_url=None if baseline else "/voice/status",
        )
        call = SoftCall(line)
        call.ring()
        keys = ["1"] * 8 if baseline else holder_keys(n)
        for key in keys:
            if call.ended or call.error or time.monotonic() >= closes:
                break
            if think:
                time.sleep(rng.uniform(0.5 * think, 1.5 * think))
            call.press(key)
        if opens <= time.monotonic() < closes:
            if call.error:
                stats["errors"] += 1
            elif baseline or call.ended:
                stats["completed"] += 1
        if think:
            time.sleep(rng.uniform(0.5 * think, 1.5 * think))  # the next caller on this line rings a moment later


def client_process(base, baseline, first, step, callers, think, window, queue):
    """A share of the callers, as threads of one process (several processes dodge one GIL)."""
    stats = {"latencies": [], "errors": 0, "completed": 0, "last_holder": first}
    lock = threading.Lock()
    counter = iter(range(first, 10**9, step))

    def next_holder():
        with lock:
            stats["last_holder"] = next(counter)
            return stats["last_holder"]

    threads = [
        threading.Thread(target=caller, args=(base, baseline, next_holder, think, window, stats, first * 1000 + i))
        for i in range(callers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=window[1] - time.monotonic() + 120)
    queue.put(stats)


def run_load(base, server, *, baseline=None, callers, think, seconds, first_holder, processes=2):
    """Callers keying at `baseline` (a path), or placing report calls without one, at work for a
    ramp (one call's length with think time, so they spread over its steps) and then `seconds`
    measured: requests sent, calls completed, CPU used, within that window."""
    queue = multiprocessing.Queue()
    ramp = think * (len(holder_keys(0)) + 1)
    opens = time.monotonic() + ramp
    window = (opens, opens + seconds)
    shares = [callers // processes + (1 if i < callers % processes else 0) for i in range(processes)]
    workers = [
        multiprocessing.Process(
            target=client_process, args=(base, baseline, first_holder + i, processes, shares[i], think, window, queue)
        )
        for i in range(processes)
    ]
    for worker in workers:
        worker.start()
    time.sleep(max(0.0, opens - time.monotonic()))
    master, logged_before, cpu_before = server.pid, len(server.app_ms), family_cpu_seconds(server.pid)
    time.sleep(max(0.0, window[1] - time.monotonic()))
    cpu, logged_after = family_cpu_seconds(master) - cpu_before, len(server.app_ms)
    results = [queue.get(timeout=seconds + ramp + 300) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    latencies = sorted(x for r in results for x in r["latencies"])
    completed = sum(r["completed"] for r in results)
    in_app = sorted(server.app_ms[logged_before:logged_after])  # the baselines log no webhook line
    return {
        "requests_per_s": len(latencies) / seconds,
        "p50_ms": quantile(latencies, 0.5) * 1000,
        "p99_ms": quantile(latencies, 0.99) * 1000,
        "app_p50_ms": quantile(in_app, 0.5) if in_app else None,
        "app_p99_ms": quantile(in_app, 0.99) if in_app else None,
        "completed_per_s": completed / seconds,
        "completed": completed,
        "errors": sum(r["errors"] for r in results),
        "requests": len(latencies),
        "next_holder": max(r["last_holder"] for r in results) + 1,
        "server_cpu_ms_per_call": (cpu * 1000 / completed) if completed and not baseline else None,
        "server_cpu_ms_per_request": cpu * 1000 / len(latencies) if latencies else None,
    }


def quantile(ordered, q):
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0
