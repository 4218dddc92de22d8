"""Prometheus metrics: what happened (counted where it happens) and what is (read from the database).

Counters and histograms live in each process. Under gunicorn every worker and the scheduler write
them to PROMETHEUS_MULTIPROC_DIR (prometheus_client's multiprocess mode; gunicorn.conf.py and
ivr/cli/serve.py set it up), and /metrics adds them up, so a scrape through any worker sees the whole
host. Figures that are state (calls in progress, the outbox backlog, the oldest due message) are
read from the database at scrape time, so they agree across workers and hosts with no shared memory.
/metrics answers only with METRICS_TOKEN as a bearer token (404 without one configured).
"""

import hmac
import logging
import os
import time
from contextlib import contextmanager

from flask import Blueprint, Response, abort, current_app, g, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily

from ivr.store import db
from ivr.store.live import live_figures

WEBHOOK_SECONDS = Histogram(
    "hotline_webhook_seconds",
    "Time to answer one Twilio webhook, by step.",
    ["step"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15),
)
WEBHOOKS = Counter("hotline_webhooks", "Twilio webhooks answered, by outcome.", ["outcome"])
CALL_EVENTS = Counter("hotline_call_events", "Events committed to call logs, by kind.", ["kind"])
REPORTS_FILED = Counter("hotline_reports_filed", "Pre-loss reports filed by phone.")
VERIFICATIONS_FAILED = Counter("hotline_verifications_failed", "Security questions answered wrongly.")
LOCKOUTS = Counter("hotline_lockouts", "ID numbers locked out of phone verification.")
SMS = Counter(
    "hotline_sms",
    "SMS outcomes written by the sender, by kind and outcome (sent, failed, retried, unknown, waiting, cancelled).",
    ["kind", "outcome"],
)
CALLER_SMS_REFUSED = Counter(
    "hotline_caller_sms_refused",
    "SMS a caller asked for that a limit held back (ivr/messaging/limits.py), by kind, scope and window.",
    ["kind", "scope", "window"],
)
UNSIGNED = Counter("hotline_unsigned_requests", "Requests to Twilio's routes refused for a missing or wrong signature.")
JOB_SECONDS = Histogram(
    "hotline_scheduler_job_seconds",
    "Duration of one scheduler job run.",
    ["job"],
    buckets=(0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300),
)

bp = Blueprint("metrics", __name__)
log = logging.getLogger(__name__)


# --- what happened -------------------------------------------------------------------------


def start_webhook():
    g.metrics_started = time.perf_counter()


def finish_webhook(response):
    """Time a /voice or /sms webhook and count what the caller got (an apology is not a success)."""
    started = g.pop("metrics_started", None)
    if started is None:
        return response
    step, seconds = request.endpoint or "unknown", time.perf_counter() - started
    WEBHOOK_SECONDS.labels(step).observe(seconds)
    if response.status_code == 403:
        outcome = "refused"
    elif response.status_code >= 500:
        outcome = "error"
    elif g.get("apologised"):
        outcome = "apology"
    else:
        outcome = "answered"
    WEBHOOKS.labels(outcome).inc()
    log.info(
        "webhook %s: %s",
        step,
        outcome,
        extra={
            "step": step,
            "outcome": outcome,
            "status": response.status_code,
            "duration_ms": round(seconds * 1000, 1),
        },
    )
    return response


def count_call_events(rows):
    """Count call events that a commit has just kept (ivr/voice/calls.commit calls this after it)."""
    for row in rows:
        kind, detail = row["kind"], row["detail"]
        CALL_EVENTS.labels(kind).inc()
        if kind == "report_filed":
            REPORTS_FILED.inc()
        elif kind == "verification_failed":
            VERIFICATIONS_FAILED.inc()
        elif kind == "locked_out" and detail != "already locked":
            LOCKOUTS.inc()


def count_sms(results):
    """Count the sender's written outcomes (ivr/messaging/claims.Result) by kind."""
    for result in results:
        outcome = {"sent": "sent", "failed": "failed", "sending": "unknown", "cancelled": "cancelled"}.get(result.state)
        if outcome is None:  # pending again: a retry after an error, or waiting for quiet hours to end
            outcome = "retried" if (result.last_error or "").startswith("will retry") else "waiting"
        SMS.labels(result.claim.kind, outcome).inc()


@contextmanager
def timed_job(job_id):
    started = time.perf_counter()
    try:
        yield
    finally:
        JOB_SECONDS.labels(job_id).observe(time.perf_counter() - started)


# --- what is, read at scrape time --------------------------------------------------------


class DatabaseCollector:
    """Gauges read from the database when Prometheus scrapes."""

    def __init__(self, app):
        self.app = app

    def collect(self):
        with self.app.app_context(), db.new_session() as session:
            figures = live_figures(session)
        for name, help_text, value in figures:
            yield GaugeMetricFamily(name, help_text, value=value)


def exposition(app):
    """This host's counters (every process's, in multiprocess mode) and the database's gauges."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        counted = CollectorRegistry()
        multiprocess.MultiProcessCollector(counted)
    else:
        from prometheus_client import REGISTRY as counted
    live = CollectorRegistry()
    live.register(DatabaseCollector(app))
    return generate_latest(counted) + generate_latest(live)


@bp.get("/metrics")
def metrics():
    """The Prometheus exposition, for a scraper holding METRICS_TOKEN (404 for anyone else)."""
    token = current_app.config.get("METRICS_TOKEN")
    offered = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not token or not hmac.compare_digest(offered.encode(), token.encode()):
        abort(404)
    return Response(exposition(current_app._get_current_object()), mimetype=CONTENT_TYPE_LATEST)


def init_metrics(app):
    """Time every webhook and serve /metrics."""
    app.register_blueprint(bp)

    @app.before_request
    def _start():
        if request.path.startswith(("/voice/", "/sms/")):
            start_webhook()

    app.after_request(finish_webhook)
