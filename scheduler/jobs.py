"""Jobs: module-level functions with fixed ids, each opening its own database session."""

import os
import secrets
import socket
from collections.abc import Callable
from dataclasses import dataclass

from ivr.calendar import clock
from ivr.cards.lapse import lapse_due_reports
from ivr.messaging.dispatch import Policy, send_due
from ivr.messaging.gateways import build_gateway
from ivr.messaging.pulled_replies import pull_and_answer
from ivr.messaging.settle import resolve_unknown
from ivr.platform import logs, metrics
from ivr.store import db
from scheduler.cards import flag_uncollected_cards, forget_idempotency_keys
from scheduler.service_levels import summarise_service_hours

# Who holds a claimed message: this host and process, plus a token so a reused pid differs.
SENDER_ID = f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(3)}"


def dispatch_messages(app, gateway=None, sender=SENDER_ID):
    """Settle messages whose outcome is unknown, then send everything due, batch after batch."""
    with app.app_context():
        gateway = gateway or build_gateway(app.config, clock.now)
        policy = Policy.from_config(app.config)
        while resolve_unknown(db, gateway, sender=sender, policy=policy) == policy.batch:
            pass
        total = 0
        while True:
            handled = send_due(db, gateway, sender=sender, policy=policy)
            total += handled
            if handled < policy.batch:
                return total


def pull_sms_replies(app, gateway=None):
    """Answer the texts cardholders sent, pulled from Tencent Cloud (TENCENT_SMS_PULL_REPLIES)."""
    with app.app_context():
        if not pulls_sms_replies(app.config):
            return 0
        gateway = gateway or build_gateway(app.config, clock.now)
        return pull_and_answer(db, gateway, config=app.config, now=clock.now())


def lapse_reports(app):
    """Lapse pre-loss reports that reached their end without a formal report."""
    with app.app_context():
        while True:
            with db.new_session() as session:
                lapsed = lapse_due_reports(session, now=clock.now(), config=app.config)
            if len(lapsed) < 100:
                return


@dataclass(frozen=True)
class Job:
    id: str
    run: Callable
    every_key: str
    wanted: Callable = lambda config: True  # whether this deployment runs it at all


def pulls_sms_replies(config):
    return config["SMS_BACKEND"] == "tencent" and bool(config["TENCENT_SMS_PULL_REPLIES"])


def observed(job, app):
    """Run one job, timed (hotline_scheduler_job_seconds) and with its id on every log line."""
    with logs.in_job(job.id), metrics.timed_job(job.id):
        return job.run(app)


JOBS = (
    Job("dispatch-messages", dispatch_messages, "SMS_DISPATCH_SECONDS"),
    Job("lapse-reports", lapse_reports, "LAPSE_CHECK_SECONDS"),
    Job("pull-sms-replies", pull_sms_replies, "SMS_REPLY_PULL_SECONDS", pulls_sms_replies),
    Job("flag-uncollected-cards", flag_uncollected_cards, "UNCOLLECTED_CHECK_SECONDS"),
    Job("forget-idempotency-keys", forget_idempotency_keys, "UNCOLLECTED_CHECK_SECONDS"),
    Job("summarise-service-hours", summarise_service_hours, "SERVICE_SUMMARY_SECONDS"),
)
