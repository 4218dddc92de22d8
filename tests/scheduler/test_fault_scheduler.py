"""Fault injection: the sending process SIGKILLed mid-batch again and again. Every message reaches
the phone exactly once, none is left behind (`--fault-profile=long`: more kills, more messages)."""

import random
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from ivr.calendar import clock as ivr_clock
from ivr.store import OutgoingMessage, db
from tests.support import fault_sender, processes
from tests.support.app import read_sms
from tests.support.pgcluster import wait_until
from tests.support.sms import fill_outbox


def kill(process):
    processes.kill(process)


def test_a_sender_killed_mid_batch_again_and_again_sends_each_message_once(app, app_config, sms_file, fault_profile):
    kills, count = (25, 400) if fault_profile == "long" else (3, 60)
    ivr_clock.set_source(None)  # the sender processes run on the real clock; so do these rows
    now = datetime.now(UTC) - timedelta(minutes=1)
    fill_outbox(app, count, at=now, distinct_numbers=True)
    config = dict(
        app_config,
        SMS_LEASE_SECONDS=1,
        SMS_OUTCOME_WAIT_SECONDS=1,
        SMS_HANDOVER_CHUNK=2,
        SMS_HTTP_TIMEOUT=1,
        SMS_BATCH_SIZE=10,
        SMS_QUIET_HOURS="",
        SMS_MAX_ATTEMPTS=50,
    )
    chance = random.Random(7)
    for _ in range(kills):
        before = len(read_sms(sms_file))
        process = fault_sender.start(config)
        try:
            # Once it is sending, let it get a little further into the batch, then kill it.
            wait_until(lambda b=before, p=process: len(read_sms(sms_file)) > b or p.poll() is not None, seconds=30)
            time.sleep(chance.uniform(0, 0.05))
        finally:
            kill(process)
    # Every kill landed mid-work: messages were still waiting when it came.
    assert len(read_sms(sms_file)) < count
    process = fault_sender.start(config)
    try:
        settled = wait_until(lambda: all(row.state == "sent" for row in stored(app)), seconds=60)
    finally:
        kill(process)
    sent = [line["body"] for line in read_sms(sms_file)]
    assert settled, [(row.id, row.state, row.last_error) for row in stored(app) if row.state != "sent"][:5]
    assert sorted(sent) == sorted(f"message {n}" for n in range(count))  # each once, none missing


def stored(app):
    with app.app_context(), db.new_session() as session:
        return session.scalars(select(OutgoingMessage)).all()
