"""Fault injection: Twilio answering 500, 429, resets before and after taking a message, answers slower
than the client waits, and slow look-ups, with two senders at once. Nothing lost, nothing doubled.

The real Twilio client and gateway talk to a flaky stand-in on a loopback port (tests/flaky_twilio.py);
`--fault-profile=long` sends ten times as many messages.
"""

import threading
from datetime import timedelta

from sqlalchemy import select

from ivr.messaging.twilio_gateway import TwilioGateway
from ivr.store import OutgoingMessage, db
from scheduler.jobs import dispatch_messages
from tests.support.flaky_twilio import flaky_twilio
from tests.support.sms import fill_outbox
from tests.support.twilio_http import local_twilio

WEIGHTS = {"ok": 6, "500": 1, "429": 1, "reset_before": 1, "reset_after": 1, "slow": 1}
SETTLED = ("sent", "delivered")


def rows(app):
    with app.app_context(), db.new_session() as session:
        return session.scalars(select(OutgoingMessage).order_by(OutgoingMessage.id)).all()


def flaky_gateway(base, *, local_twilio):
    config = {
        "TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
        "TWILIO_AUTH_TOKEN": "token",
        "TWILIO_FROM_NUMBER": "+15005550006",
        "SMS_HTTP_TIMEOUT": 1,
    }
    return TwilioGateway.from_config(config, http_client=local_twilio(base, timeout=1))


def test_a_flaky_twilio_and_two_senders_lose_and_double_nothing(app, clock, fault_profile):
    count = 300 if fault_profile == "long" else 30
    app.config.update(
        SMS_MAX_ATTEMPTS=40,
        SMS_BATCH_SIZE=10,
        SMS_HANDOVER_CHUNK=5,
        SMS_HTTP_TIMEOUT=1,
        SMS_RETRY_BASE_SECONDS=30,
        SMS_RETRY_MAX_SECONDS=300,
        SMS_OUTCOME_WAIT_SECONDS=600,
    )
    fill_outbox(app, count, at=clock.now, distinct_numbers=True, body="【热线】message {n}")
    errors = []
    with flaky_twilio(seed=11, weights=WEIGHTS, slow_seconds=1.3, lookup_seconds=0.02) as twilio:
        gateways = {name: flaky_gateway(twilio.base, local_twilio=local_twilio) for name in ("sender-a", "sender-b")}

        def sender(name):
            try:
                dispatch_messages(app, gateway=gateways[name], sender=name)
            except Exception as exc:  # surfaced below
                errors.append(exc)

        for _ in range(60):  # rounds of the scheduler's job on both senders; the clock moves between
            threads = [threading.Thread(target=sender, args=(name,)) for name in gateways]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
            assert not errors, errors
            if all(row.state in SETTLED for row in rows(app)):
                break
            clock.advance(timedelta(seconds=310))  # past any backoff; unknown outcomes wait 600 s
    stored = rows(app)
    assert [row.state for row in stored if row.state not in SETTLED] == []
    assert set(twilio.taken) == {(row.to_number, row.body) for row in stored}
    assert [copies for copies in twilio.taken.values() if copies != 1] == []
    assert all(twilio.faults[fault] for fault in WEIGHTS), twilio.faults  # every fault really happened
