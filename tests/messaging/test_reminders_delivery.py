"""Failures: transient ones retry with backoff, permanent ones fail at once, unknown ones are never resent blindly."""

from datetime import timedelta

import pytest

from ivr.messaging import claims, outbox
from ivr.messaging.envelope import Envelope, Found
from ivr.messaging.gateways import FileGateway
from ivr.messaging.settle import NEEDS_OPERATOR
from ivr.store import OutgoingMessage, db
from tests.support.app import read_sms
from tests.support.sms import (
    permanent_error,
    queue_sms,
    scripted_gateway,
    stored_message,
    stored_messages,
    tick,
    transient_error,
    unknown_outcome,
)


def test_transient_failures_retry_with_growing_waits_then_fail_with_the_reason(app, clock):
    mid = queue_sms(app, kind="preloss_confirmation", due_at=clock.now)
    gateway = scripted_gateway(*[transient_error() for _ in range(5)])
    waits = []
    for _ in range(5):
        before = clock.now
        tick(app, gateway)
        row = stored_message(app, mid)
        if row.state == "pending":
            waits.append((row.due_at - before).total_seconds())
            tick(app, gateway)  # not due yet: nothing is tried early
            assert len(gateway.sent) == len(waits)
            clock.now = row.due_at
    assert waits == [30, 60, 120, 240]
    row = stored_message(app, mid)
    assert row.state == "failed" and row.attempts == 5
    assert row.last_error == "gave up after 5 attempts: twilio 503: unavailable"


def test_a_transient_failure_then_success_sends_once(app, clock, sms_file):
    mid = queue_sms(app, kind="preloss_confirmation", due_at=clock.now)
    gateway = scripted_gateway(transient_error(), "SM1")
    tick(app, gateway)
    clock.advance(timedelta(seconds=30))
    tick(app, gateway)
    row = stored_message(app, mid)
    assert (row.state, row.provider_sid, row.attempts) == ("sent", "SM1", 2)


def test_a_permanent_failure_fails_at_once_and_an_operator_can_retry(app, clock):
    mid = queue_sms(app, kind="preloss_confirmation", due_at=clock.now)
    gateway = scripted_gateway(permanent_error())
    tick(app, gateway)
    row = stored_message(app, mid)
    assert row.state == "failed" and "21211" in row.last_error and len(gateway.sent) == 1
    with app.app_context(), db.new_session() as session:
        assert outbox.retry(session, mid, now=clock.now)
    tick(app, gateway)
    assert stored_message(app, mid).state == "sent" and len(gateway.sent) == 2


def test_an_unknown_outcome_waits_then_goes_to_an_operator_not_out_again(app, clock):
    mid = queue_sms(app, kind="preloss_confirmation", due_at=clock.now)
    gateway = scripted_gateway(unknown_outcome())
    tick(app, gateway)
    row = stored_message(app, mid)
    assert row.state == "sending" and row.last_error.startswith("outcome unknown")
    clock.advance(timedelta(minutes=5))
    tick(app, gateway)
    assert stored_message(app, mid).state == "sending"
    clock.advance(timedelta(minutes=6))
    tick(app, gateway)
    row = stored_message(app, mid)
    assert (row.state, row.last_error) == ("failed", NEEDS_OPERATOR)
    assert len(gateway.sent) == 1


def test_an_unknown_outcome_found_at_the_provider_is_recorded_as_sent(app, clock):
    mid = queue_sms(app, kind="preloss_confirmation", due_at=clock.now)
    gateway = scripted_gateway(unknown_outcome(), found=Found("SM42", "delivered"))
    tick(app, gateway)
    clock.advance(timedelta(minutes=11))
    tick(app, gateway)
    row = stored_message(app, mid)
    assert (row.state, row.provider_sid) == ("delivered", "SM42")
    assert len(gateway.sent) == 1


def hold(app, clock, sender="dead-sender", lease=120):
    """A sender claims every due message and then dies; returns what it held."""
    with app.app_context(), db.new_session() as session:
        return claims.claim_due(
            session, now=clock.now, sender=sender, limit=100, lease_until=clock.now + timedelta(seconds=lease)
        )


def test_a_restart_mid_send_sends_each_message_exactly_once(app, clock, sms_file):
    ids = [queue_sms(app, kind="preloss_confirmation", subject=f"report:{n}", due_at=clock.now) for n in range(4)]
    held = hold(app, clock)
    assert [c.id for c in held] == ids
    # It had handed the third to the provider (which took it) and the fourth (which never got it).
    with app.app_context(), db.new_session() as session:
        assert claims.mark_handed(
            session.connection(),
            held[2:],
            sender="dead-sender",
            now=clock.now,
            lease_until=clock.now + timedelta(seconds=120),
        ) == set(ids[2:])
    FileGateway(str(sms_file), lambda: clock.now).send(
        Envelope(ids[2], "preloss_confirmation", "+8613800138000", "x", "zh")
    )

    tick(app)  # the new engine starts while the lease still runs: it waits
    assert [m["id"] for m in read_sms(sms_file)] == [ids[2]]
    clock.advance(timedelta(seconds=121))
    tick(app)
    tick(app)
    assert sorted(m["id"] for m in read_sms(sms_file)) == ids
    assert {m.state for m in stored_messages(app)} == {"sent"}


def test_without_a_way_to_look_up_an_interrupted_send_an_operator_decides(app, clock):
    mid = queue_sms(app, kind="preloss_confirmation", due_at=clock.now)
    (claim,) = hold(app, clock)
    with app.app_context(), db.new_session() as session:
        claims.mark_handed(session.connection(), [claim], sender="dead-sender", now=clock.now, lease_until=clock.now)
    clock.advance(timedelta(seconds=1))
    gateway = scripted_gateway(found=None)
    tick(app, gateway)
    assert gateway.sent == []
    assert stored_message(app, mid).state == "failed" and stored_message(app, mid).last_error == NEEDS_OPERATOR


def test_a_sender_that_lost_its_lease_cannot_overwrite_the_new_result(app, clock):
    mid = queue_sms(app, kind="preloss_confirmation", due_at=clock.now)
    (old,) = hold(app, clock, sender="slow-sender", lease=60)
    clock.advance(timedelta(seconds=61))
    gateway = scripted_gateway("SM-new")
    tick(app, gateway, sender="new-sender")
    assert stored_message(app, mid).provider_sid == "SM-new"
    with app.app_context(), db.new_session() as session:
        assert not claims.mark_handed(
            session.connection(), [old], sender="slow-sender", now=clock.now, lease_until=clock.now
        )
        claims.write_results(session, "slow-sender", [claims.Result(old, "failed", last_error="stale")])
    row = stored_message(app, mid)
    assert (row.state, row.provider_sid, row.last_error) == ("sent", "SM-new", None)


def test_cancelling_a_claimed_message_before_it_is_handed_over_stops_it(app, clock, sms_file):
    mid = queue_sms(app, kind="collection_reminder", subject="card:1", due_at=clock.now)
    (claim,) = hold(app, clock, sender="this-sender")
    with app.app_context(), db.new_session() as session:
        assert outbox.cancel_pending(session, subject="card:1") == 1
        assert not claims.mark_handed(
            session.connection(), [claim], sender="this-sender", now=clock.now, lease_until=clock.now
        )
    assert stored_message(app, mid).state == "cancelled"


@pytest.mark.parametrize("state", ["sent", "delivered", "cancelled"])
def test_an_operator_cannot_retry_or_cancel_what_is_finished(app, clock, state):
    mid = queue_sms(app, due_at=clock.now)
    with app.app_context(), db.new_session() as session:
        session.get(OutgoingMessage, mid).state = state
    with app.app_context(), db.new_session() as session:
        assert not outbox.retry(session, mid, now=clock.now)
        assert not outbox.cancel(session, mid)
    assert stored_message(app, mid).state == state


@pytest.mark.parametrize("quiet", ["21-08", "9pm-8am", "25:00-08:00", "21:00"])
def test_badly_written_quiet_hours_are_refused_with_the_setting_named(app_config, quiet):
    from ivr import create_app
    from ivr.platform.config import ConfigError

    with pytest.raises(ConfigError, match="SMS_QUIET_HOURS"):
        create_app({**app_config, "SMS_QUIET_HOURS": quiet})


def test_two_senders_on_sqlite_send_each_message_once(app, clock):
    import threading

    from scheduler.jobs import dispatch_messages

    ids = [queue_sms(app, kind="preloss_confirmation", subject=f"report:{n}", due_at=clock.now) for n in range(120)]
    gateway = scripted_gateway()
    start = threading.Barrier(2, timeout=30)

    def run(name):
        start.wait(timeout=30)
        dispatch_messages(app, gateway=gateway, sender=name)

    threads = [threading.Thread(target=run, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(envelope.id for envelope in gateway.sent) == ids
    assert {m.state for m in stored_messages(app)} == {"sent"}
