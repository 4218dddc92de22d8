"""Unknown outcomes settled by two senders whose look-ups are slow (defect 4 of issue 11).

A batch of look-ups that takes longer than the claim lease used to lose its claim half-way: the
other sender took the rows, the first one's answers were thrown away, and the two took turns
asking Twilio again for ever. The lease is renewed at each look-up, so each message is asked
about once and the batch settles.
"""

import threading
import time
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from ivr.messaging.dispatch import Policy
from ivr.messaging.envelope import Found
from ivr.messaging.settle import resolve_unknown
from ivr.platform.config import load
from ivr.store import OutgoingMessage, db
from tests.support.sms import fill_outbox

LEASE = 100
MESSAGES = 6


def policy(**settings):
    """The sending rules of a default configuration, with these settings changed."""
    return Policy.from_config(
        {**load({}), "SMS_BATCH_SIZE": MESSAGES, "SMS_LEASE_SECONDS": LEASE, "SMS_HTTP_TIMEOUT": 1, **settings}
    )


POLICY = policy()


class SlowLookups:
    """Twilio's message log, each look-up taking 40% of the lease (the fake clock moves)."""

    def __init__(self, clock):
        self.clock, self.lock, self.asked = clock, threading.Lock(), Counter()

    def send(self, envelope):
        raise AssertionError("settling never sends")

    def lookup(self, envelope, since):
        with self.lock:
            self.asked[envelope.id] += 1
            self.clock.advance(timedelta(seconds=LEASE * 0.4))
        time.sleep(0.005)  # let the other sender run meanwhile
        return Found(f"SM{envelope.id:032d}", "delivered")


@pytest.fixture
def settle_app(empty_app, clock):
    app = empty_app
    handed = clock.now - timedelta(hours=1)
    fill_outbox(
        app,
        MESSAGES,
        at=handed,
        state="sending",
        attempts=1,
        claimed_by="a-sender-that-died",
        handed_at=handed,
        lease_until=handed,
    )
    return app


def unsettled(app):
    with app.app_context(), db.new_session() as session:
        return session.scalar(
            select(func.count()).select_from(OutgoingMessage).where(OutgoingMessage.state == "sending")
        )


def test_two_senders_settle_a_slow_batch_asking_once_per_message(settle_app, clock):
    gateway, errors = SlowLookups(clock), []

    def sender(name):
        try:
            with settle_app.app_context():
                for _ in range(12):  # passes of the scheduler's job; the batch needs one
                    resolve_unknown(db, gateway, sender=name, policy=POLICY)
                    if not unsettled(settle_app):
                        return
        except Exception as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=sender, args=(name,)) for name in ("sender-a", "sender-b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert unsettled(settle_app) == 0
    with settle_app.app_context(), db.new_session() as session:
        states = session.scalars(select(OutgoingMessage.state)).all()
    assert states == ["delivered"] * MESSAGES
    assert sorted(gateway.asked.values()) == [1] * MESSAGES


class SlowSends:
    """Twilio taking 40% of the lease for each message sent."""

    def __init__(self, clock):
        self.clock, self.lock, self.sent = clock, threading.Lock(), Counter()

    def send(self, envelope):
        with self.lock:
            self.sent[envelope.id] += 1
            self.clock.advance(timedelta(seconds=LEASE * 0.4))
        time.sleep(0.005)
        return f"SM{envelope.id:032d}"

    def lookup(self, envelope, since):
        return None


def test_two_senders_sending_slowly_keep_their_claims_and_send_once(settle_app, clock):
    """Later chunks of a slow batch are not taken over (which would count a second attempt)."""
    from ivr.messaging.dispatch import send_due

    with settle_app.app_context(), db.new_session() as session:
        for row in session.scalars(select(OutgoingMessage)):
            row.state, row.attempts, row.handed_at, row.claimed_by, row.due_at = "pending", 0, None, None, clock.now
    gateway, errors = SlowSends(clock), []
    rules = policy(SMS_HANDOVER_CHUNK=1, SMS_QUIET_HOURS="")

    def sender(name):
        try:
            with settle_app.app_context():
                for _ in range(4):
                    send_due(db, gateway, sender=name, policy=rules)
        except Exception as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=sender, args=(name,)) for name in ("sender-a", "sender-b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    with settle_app.app_context(), db.new_session() as session:
        rows = session.scalars(select(OutgoingMessage)).all()
    assert [(row.state, row.attempts) for row in rows] == [("sent", 1)] * MESSAGES
    assert sorted(gateway.sent.values()) == [1] * MESSAGES
