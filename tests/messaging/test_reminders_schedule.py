"""Reminders go out at their time, once; wait for quiet hours; are cancelled when their reason is gone."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from ivr.messaging import outbox
from ivr.store import Card, CardEvent, OutgoingMessage, PrelossReport, db
from tests.support.app import read_sms
from tests.support.calls import report_call
from tests.support.known import HOLDERS
from tests.support.sms import beijing, queue_sms, stored_messages, tick


def file_report(phone, holder="zhang", language="zh", *, report_call):
    report_call(phone, HOLDERS[holder], language=language).press("1")


def run_until(app, clock, end, step=timedelta(hours=1), *, tick):
    """Move the clock forward step by step, running the scheduler at every step."""
    while clock.now < end:
        tick(app)
        clock.advance(step)
    tick(app)


def test_every_message_of_a_report_goes_out_once_at_its_time(phone, cardholders, app, clock, sms_file):
    file_report(phone, report_call=report_call)
    run_until(app, clock, beijing(2026, 12, 6, 12, 0), tick=tick)

    sent = [(m["kind"], m["sent_at"]) for m in read_sms(sms_file)]
    assert sent == [
        ("preloss_confirmation", beijing(2026, 11, 25, 10, 0).isoformat()),
        ("formal_report_reminder", beijing(2026, 11, 26, 10, 0).isoformat()),
        ("formal_report_reminder", beijing(2026, 12, 4, 10, 0).isoformat()),
        ("lapse_notice", beijing(2026, 12, 5, 10, 0).isoformat()),
    ]
    bodies = [m["body"] for m in read_sms(sms_file)]
    assert all(body.startswith("【社会保障卡服务热线】") for body in bodies)
    assert "明天" in bodies[2] and "恢复使用" in bodies[3]
    assert {m.state for m in stored_messages(app)} == {"sent"}


def test_lapse_gives_the_card_back_and_tells_the_cardholder(phone, cardholders, app, clock, sms_file):
    file_report(phone, "li", language="en", report_call=report_call)
    clock.advance(timedelta(days=10))
    tick(app)

    with app.app_context(), db.new_session() as session:
        report_row = session.scalar(select(PrelossReport))
        assert report_row.status == "lapsed" and report_row.closed_by == "scheduler"
        card = session.get(Card, report_row.card_id)
        assert card.state == "active"
        event = session.scalars(select(CardEvent).order_by(CardEvent.id.desc())).first()
        assert (event.from_state, event.to_state, event.actor, event.source) == (
            "preloss",
            "active",
            "scheduler",
            "lapse",
        )
    notice = [m for m in read_sms(sms_file) if m["kind"] == "lapse_notice"]
    assert len(notice) == 1 and "works again" in notice[0]["body"] and "96102" in notice[0]["body"]
    # The reminders whose reason is gone were not sent afterwards.
    assert [m.state for m in stored_messages(app, kind="formal_report_reminder")] == ["cancelled", "cancelled"]
    tick(app)
    assert len(read_sms(sms_file)) == 2  # confirmation and lapse notice, nothing more


def test_a_report_is_not_lapsed_before_its_time(phone, cardholders, app, clock):
    file_report(phone, report_call=report_call)
    clock.advance(timedelta(days=10) - timedelta(minutes=1))
    tick(app)
    assert stored_messages(app, kind="lapse_notice") == []


def test_reminders_of_a_collected_card_are_cancelled(app, clock, sms_file):
    ready = queue_sms(app, kind="card_ready", subject="card:7", due_at=clock.now)
    first = queue_sms(app, kind="collection_reminder", subject="card:7", due_at=clock.now + timedelta(days=7))
    second = queue_sms(
        app, kind="collection_reminder", subject="card:7", occurrence=2, due_at=clock.now + timedelta(days=30)
    )
    tick(app)
    with app.app_context(), db.new_session() as session:
        assert outbox.cancel_pending(session, subject="card:7", kinds=["collection_reminder"]) == 2
    clock.advance(timedelta(days=31))
    tick(app)
    assert [m["id"] for m in read_sms(sms_file)] == [ready]
    assert {m.id: m.state for m in stored_messages(app)} == {ready: "sent", first: "cancelled", second: "cancelled"}


def test_queueing_the_same_reminder_twice_is_a_no_op(app, clock, sms_file):
    one = queue_sms(app, due_at=clock.now)
    two = queue_sms(app, due_at=clock.now + timedelta(hours=1), body="other")
    assert one == two
    tick(app)
    tick(app)
    assert len(read_sms(sms_file)) == 1


@pytest.mark.parametrize(
    "kind",
    ["formal_report_reminder", "collection_reminder", "lapse_notice", "card_ready", "outlet_info", "callback_ack"],
)
def test_a_reminder_due_in_quiet_hours_waits_until_they_end(app, clock, sms_file, kind):
    clock.now = beijing(2026, 11, 25, 22, 30)
    queue_sms(app, kind=kind, due_at=clock.now)
    run_until(app, clock, beijing(2026, 11, 26, 9, 0), step=timedelta(minutes=30), tick=tick)
    sent = read_sms(sms_file)
    assert [m["sent_at"] for m in sent] == [beijing(2026, 11, 26, 8, 0).isoformat()]


@pytest.mark.parametrize("kind", ["preloss_confirmation", "lockout_alert", "preloss_cancelled", "card_cancelled"])
def test_confirmations_and_alerts_go_at_any_hour(app, clock, sms_file, kind):
    clock.now = beijing(2026, 11, 25, 23, 15)
    queue_sms(app, kind=kind, due_at=clock.now)
    tick(app)
    assert [m["kind"] for m in read_sms(sms_file)] == [kind]
    assert read_sms(sms_file)[0]["validity_seconds"] is None


def test_a_reminder_tells_twilio_not_to_deliver_it_into_quiet_hours(app, clock, sms_file):
    clock.now = beijing(2026, 11, 25, 18, 0)
    queue_sms(app, due_at=clock.now)
    tick(app)
    assert read_sms(sms_file)[0]["validity_seconds"] == 3 * 3600


def test_a_reminder_minutes_before_quiet_hours_waits_for_the_morning(app, clock, sms_file):
    clock.now = beijing(2026, 11, 25, 20, 58)
    queue_sms(app, due_at=clock.now)
    tick(app)
    assert read_sms(sms_file) == []
    assert stored_messages(app)[0].due_at == beijing(2026, 11, 26, 8, 0)
    assert stored_messages(app)[0].attempts == 0


@pytest.mark.parametrize("to", ["+861012345678", "12345", "not a number", ""])
def test_a_number_that_is_not_a_mobile_fails_that_message_only(app, clock, sms_file, to):
    bad = queue_sms(app, subject="report:1", to=to, due_at=clock.now)
    good = queue_sms(app, subject="report:2", due_at=clock.now)
    tick(app)
    assert [m["id"] for m in read_sms(sms_file)] == [good]
    failed = stored_messages(app, id=bad)[0]
    assert failed.state == "failed" and "invalid recipient" in failed.last_error


def test_no_second_reminder_when_it_would_not_come_after_the_first(app, clock, session, cardholders):
    from ivr.cards.reports import queue_report_messages
    from ivr.store import Cardholder

    holder = session.scalar(select(Cardholder).limit(1))
    card = holder.current_card
    short = PrelossReport(
        reference="12345678",
        card_id=card.id,
        filed_at=clock.now,
        expires_at=clock.now + timedelta(days=2),
        status="active",
    )
    session.add(short)
    session.flush()
    queue_report_messages(session, short, card, holder, call_id=None, now=clock.now, config=app.config)
    kinds = session.scalars(
        select(OutgoingMessage.occurrence).where(OutgoingMessage.kind == "formal_report_reminder")
    ).all()
    assert kinds == [1]
