"""gunicorn for a web host of the multi-host setup: `gunicorn -c gunicorn.conf.py app:app`.

No scheduler runs here (run `flask --app app scheduler` on one host only); `python app.py` is the
one-machine variant with the scheduler beside it (ivr/cli/serve.py). Tune with the environment:
WEB_CONCURRENCY (worker processes), WEB_THREADS, BIND.
"""

import multiprocessing
import os
import shutil
import sys
import tempfile

# Workers are processes (a crash costs one); a second thread in each runs while the other waits on
# PostgreSQL. A webhook spends about 3 ms of CPU against well under 1 ms waiting for a local
# PostgreSQL, so more threads only queue for the GIL, and the hand-overs cost CPU of their own:
# one process per core with 2 threads each served the most webhooks (bench/webhooks.py on 2 cores,
# 50 callers, run in turn twice: 0.24 and 0.28 of the bare endpoint with 2 x 2 threads, 0.21 with
# 2 x 4 and 0.20-0.22 with 2 x 8). Raise WEB_THREADS where the database is far away. On SQLite,
# one thread per worker (ivr/platform/sizing.py says why); `threads` is set below, once the metrics
# directory is, since it imports the app's package.
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count())))
worker_class = "gthread"
bind = os.environ.get("BIND", "127.0.0.1:8000")  # behind nginx on the same host (deploy/nginx.conf)

# Twilio gives a webhook 15 s. A worker whose main loop is stuck for 10 s is replaced; a single
# slow request in a thread is bounded by the database's timeouts (a few seconds, answered with the
# apology) and by nginx's 12 s proxy_read_timeout (deploy/nginx.conf), both under Twilio's limit.
timeout = 10
graceful_timeout = 20  # SIGTERM / SIGHUP: finish the calls' current webhooks, then go
keepalive = 5  # the proxy reuses connections; shorter than nginx's upstream keepalive_timeout
max_requests = 5000  # recycle workers now and then, at different moments
max_requests_jitter = 500
control_socket_disable = True

# One JSON line per request with path, status and time: never the query string nor the body.
accesslog = "-"
errorlog = "-"
logger_class = "ivr.platform.access_log.JsonAccessLogger"

# gunicorn's heartbeat (an fchmod of a file per worker, several times a second) and the metrics files
# are written all the time: on a disk-backed /tmp such a write can wait for a busy disk's journal, and a
# worker's main loop, which accepts the connections, waits with it. gunicorn's documentation advises
# a directory in memory; /dev/shm is one on Linux.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Counters of every worker add up at /metrics (prometheus_client's multiprocess mode). The
# directory must be set before any worker imports prometheus_client; a scheduler on this host
# given the same directory (deploy/hotline-scheduler.service) adds its job and SMS counters.
_own_metrics_dir = not os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if _own_metrics_dir:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="hotline-metrics-", dir=worker_tmp_dir)
_metrics_dir = os.environ["PROMETHEUS_MULTIPROC_DIR"]

from ivr.cli.serve import REFUSED, checked_app  # noqa: E402  (after the metrics directory: see above)
from ivr.platform.sizing import threads_per_worker  # noqa: E402

threads = int(os.environ.get("WEB_THREADS") or threads_per_worker(os.environ.get("DATABASE_URL")))


def on_starting(server):
    """Refuse to start on a database that cannot serve calls; drop counters of processes that are gone.

    The same decision and the same one line as `python app.py` (ivr/cli/serve.py's checked_app),
    made once in the master before it binds: never "Listening" while every call gets the apology.
    DATABASE_WAIT_SECONDS makes it wait that long first. Workers still build their own app.
    """
    _, refused = checked_app()
    if refused:
        print(refused, file=sys.stderr, flush=True)
        on_exit(server)
        sys.exit(REFUSED)
    for name in os.listdir(_metrics_dir):
        pid = name.rsplit("_", 1)[-1].removesuffix(".db")
        if not pid.isdigit() or not _alive(int(pid)):
            os.unlink(os.path.join(_metrics_dir, name))


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    if _own_metrics_dir:
        shutil.rmtree(_metrics_dir, ignore_errors=True)
