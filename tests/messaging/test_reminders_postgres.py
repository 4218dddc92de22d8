"""Two senders at once against PostgreSQL: no message twice, none left behind; the naive way duplicates."""

import os
import threading
from datetime import timedelta

import pytest
from sqlalchemy import select, text, update

from ivr import create_app
from ivr.messaging import claims
from ivr.store import OutgoingMessage, db
from scheduler.jobs import dispatch_messages
from tests.support.sms import fill_outbox

URL = os.environ.get("TEST_DATABASE_URL")
pytestmark = pytest.mark.skipif(not URL, reason="TEST_DATABASE_URL is not set: no PostgreSQL to test against")


@pytest.fixture
def pg_app(app_config, clock, fresh_schema):
    app = create_app({**app_config, "DATABASE_URL": fresh_schema("reminder_tests"), "SMS_BATCH_SIZE": 10})
    with db.engine.begin() as connection:
        connection.execute(text("TRUNCATE outgoing_messages, sms_opt_outs RESTART IDENTITY CASCADE"))
    yield app
    db.engine.dispose()


class RecordingGateway:
    def __init__(self):
        self.lock = threading.Lock()
        self.sent = []

    def send(self, envelope):
        with self.lock:
            self.sent.append(envelope.id)
        return f"SM{envelope.id}"

    def lookup(self, envelope, since):
        return None


def run_together(*targets):
    errors = []

    def guarded(target):
        try:
            target()
        except Exception as exc:  # surfaced below: a thread's exception would otherwise vanish
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors


def test_two_senders_send_every_message_exactly_once(pg_app, clock):
    ids = fill_outbox(pg_app, 600, at=clock.now)
    gateway = RecordingGateway()
    start = threading.Barrier(2, timeout=30)

    def sender(name):
        def run():
            start.wait(timeout=30)
            dispatch_messages(pg_app, gateway=gateway, sender=name)

        return run

    run_together(sender("sender-a"), sender("sender-b"))
    assert sorted(gateway.sent) == sorted(ids)
    with pg_app.app_context(), db.new_session() as session:
        states = session.scalars(select(OutgoingMessage.state).distinct()).all()
        senders = session.scalars(select(OutgoingMessage.claimed_by).distinct()).all()
    assert states == ["sent"]
    assert sorted(senders) == ["sender-a", "sender-b"]  # both did share the work


def naive_claim(session, *, now, sender, limit, before_update):
    """The tempting way: read the due rows, then mark them. Two senders can read the same rows."""
    ids = session.scalars(
        select(OutgoingMessage.id)
        .where(OutgoingMessage.state == "pending", OutgoingMessage.due_at <= now)
        .order_by(OutgoingMessage.id)
        .limit(limit)
    ).all()
    before_update()
    session.execute(
        update(OutgoingMessage).where(OutgoingMessage.id.in_(ids)).values(state="sending", claimed_by=sender)
    )
    return ids


def claimed_by_two(pg_app, clock, claim, *, fill_outbox):
    fill_outbox(pg_app, 50, at=clock.now)
    got = {}
    both_read = threading.Barrier(2, timeout=30)

    def sender(name):
        def run():
            with pg_app.app_context(), db.new_session() as session:
                got[name] = claim(session, name, lambda: both_read.wait(timeout=30))

        return run

    run_together(sender("a"), sender("b"))
    return set(got["a"]), set(got["b"])


def test_the_naive_select_then_update_hands_the_same_messages_to_both(pg_app, clock):
    a, b = claimed_by_two(
        pg_app,
        clock,
        lambda s, name, pause: naive_claim(s, now=clock.now, sender=name, limit=20, before_update=pause),
        fill_outbox=fill_outbox,
    )
    assert a & b  # both would send these


def test_the_atomic_claim_never_hands_one_message_to_both(pg_app, clock):
    lease = clock.now + timedelta(minutes=2)

    def atomic(session, name, pause):
        pause()
        return [c.id for c in claims.claim_due(session, now=clock.now, sender=name, limit=20, lease_until=lease)]

    a, b = claimed_by_two(pg_app, clock, atomic, fill_outbox=fill_outbox)
    assert len(a) == 20 and len(b) == 20 and not a & b


def test_a_claim_skips_rows_another_sender_holds_instead_of_waiting(pg_app, clock):
    fill_outbox(pg_app, 30, at=clock.now)
    lease = clock.now + timedelta(minutes=2)
    first_claimed, second_done = threading.Event(), threading.Event()
    got = {}

    def first():
        with pg_app.app_context(), db.new_session() as session:
            got["a"] = {c.id for c in claims.claim_due(session, now=clock.now, sender="a", limit=20, lease_until=lease)}
            first_claimed.set()
            second_done.wait(timeout=30)  # keep the row locks until the other has claimed

    def second():
        first_claimed.wait(timeout=30)
        with pg_app.app_context(), db.new_session() as session:
            got["b"] = {c.id for c in claims.claim_due(session, now=clock.now, sender="b", limit=20, lease_until=lease)}
        second_done.set()

    run_together(first, second)
    assert len(got["a"]) == 20 and len(got["b"]) == 10 and not got["a"] & got["b"]
