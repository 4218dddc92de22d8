"""What each move sets off: reports closed, ready dates, card-ready SMS and reminders, the new card."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from ivr.cards import lifecycle
from ivr.cards.collection import flag_uncollected, uncollected_cards
from ivr.store import Card, Cardholder, OutgoingMessage, PrelossReport
from tests.support.cards import card_of, put_in_state


def move(session, app, clock, card, to, actor="operator", **details):
    event = lifecycle.change_card_state(
        session, card, to, actor=actor, source="counter-7", now=clock(), config=app.config, **details
    )
    session.commit()
    return event


def messages(session, subject=None):
    statement = select(OutgoingMessage).order_by(OutgoingMessage.due_at, OutgoingMessage.id)
    if subject:
        statement = statement.where(OutgoingMessage.subject == subject)
    return session.scalars(statement).all()


def ready_card(session, app, clock, holder="zhang", outlet="BJ-CY-01", *, card_of, put_in_state):
    card = put_in_state(session, card_of(session, holder, app.config), "in_production", now=clock())
    move(session, app, clock, card, "ready", actor="production", outlet_code=outlet)
    return card


def test_formal_report_closes_the_phone_report_and_its_reminder(app, session, cardholders, clock):
    card = put_in_state(session, card_of(session, config=app.config), "preloss", now=clock())
    clock.advance(timedelta(hours=3))
    move(session, app, clock, card, "formal_loss")
    report = session.scalar(select(PrelossReport))
    assert (report.status, report.closed_at, report.closed_by) == ("formalized", clock(), "counter-7")
    assert {(m.kind, m.state) for m in messages(session)} == {
        ("preloss_confirmation", "pending"),
        ("formal_report_reminder", "cancelled"),
    }
    assert card.open_report is None


def test_formal_report_without_a_phone_report(app, session, cardholders, clock):
    card = card_of(session, config=app.config)
    move(session, app, clock, card, "formal_loss")
    assert card.state == "formal_loss" and messages(session) == []


@pytest.mark.parametrize("actor, ending", [("scheduler", "lapsed"), ("phone", "cancelled"), ("operator", "cancelled")])
def test_report_that_ends_back_at_active_is_closed(actor, ending, app, session, cardholders, clock):
    card = put_in_state(session, card_of(session, config=app.config), "preloss", now=clock())
    move(session, app, clock, card, "active", actor=actor)
    assert session.scalar(select(PrelossReport.status)) == ending
    # both formal-report reminders: the next day, and the day before the report lapses
    assert [m.state for m in messages(session) if m.kind == "formal_report_reminder"] == ["cancelled"] * 2


@pytest.mark.parametrize(
    "local_day, working_days, expected",
    [
        (date(2026, 11, 25), 15, date(2026, 12, 16)),  # Wednesday: three weeks on
        (date(2026, 11, 27), 1, date(2026, 11, 30)),  # Friday: the next working day is Monday
        (date(2026, 11, 28), 5, date(2026, 12, 4)),  # Saturday: Monday counts as the first
        # Applied just before the Spring Festival: 15-23 Feb off, Sat 14 and Sat 28 Feb worked.
        (date(2026, 2, 11), 15, date(2026, 3, 10)),  # weekdays alone would say 4 March
        (date(2026, 9, 29), 3, date(2026, 10, 9)),  # 30 Sep, then National Day, 8 and 9 Oct
    ],
)
def test_replacement_sets_the_expected_ready_date_in_working_days(
    local_day, working_days, expected, app, session, cardholders, clock
):
    app.config["REPLACEMENT_WORKING_DAYS"] = working_days
    # 17:30 UTC the day before is 01:30 in Beijing: the local day counts, not the UTC one.
    clock.now = datetime.combine(local_day, datetime.min.time(), tzinfo=UTC) - timedelta(hours=6, minutes=30)
    card = put_in_state(session, card_of(session, config=app.config), "formal_loss", now=clock())
    move(session, app, clock, card, "replacement_applied")
    assert card.expected_ready_on == expected


def test_ready_queues_the_card_ready_sms_and_two_reminders(app, session, cardholders, outlets, clock):
    card = ready_card(session, app, clock, card_of=card_of, put_in_state=put_in_state)
    assert card.ready_outlet_id is not None
    queued = messages(session, f"card:{card.id}")
    assert [(m.kind, m.occurrence, m.to_number) for m in queued] == [
        ("card_ready", 1, "+8613800138000"),
        ("collection_reminder", 1, "+8613800138000"),
        ("collection_reminder", 2, "+8613800138000"),
    ]
    ready, first, second = queued
    assert ready.due_at == clock()
    # 7 and 30 days later, at 10:00 Beijing time (02:00 UTC)
    assert first.due_at == datetime(2026, 12, 2, 2, 0, tzinfo=UTC)
    assert second.due_at == datetime(2026, 12, 25, 2, 0, tzinfo=UTC)
    for message in queued:
        assert message.body.startswith("【") and "朝阳区社会保障卡服务中心" in message.body
        assert "周一至周五8:30-17:00" in message.body  # the hours written in the message's language
        assert "身份证" in message.body and "领卡回执" in message.body


def test_card_ready_sms_in_english_for_an_english_speaker(app, session, cardholders, outlets, clock):
    app.config["HOTLINE_NAME"] = "Beijing 96102"
    card = ready_card(session, app, clock, holder="li", outlet="BJ-DC-01", card_of=card_of, put_in_state=put_in_state)
    body = messages(session, f"card:{card.id}")[0].body
    assert body.startswith("Beijing 96102:") and "东城区社保服务网点" in body
    assert "ID card" in body and "collection receipt" in body


def test_collected_cancels_reminders_and_the_new_card_becomes_current(app, session, cardholders, outlets, clock):
    card = ready_card(session, app, clock, card_of=card_of, put_in_state=put_in_state)
    clock.advance(timedelta(days=8))
    sent = messages(session, f"card:{card.id}")[1]
    sent.state = "sent"  # the first reminder went out already
    session.commit()
    move(session, app, clock, card, "collected", outlet_code="BJ-CY-01", new_card_number="b20000001")
    # what was still waiting is cancelled; what went out stays as it was
    assert [m.state for m in messages(session, f"card:{card.id}")] == ["cancelled", "sent", "cancelled"]
    new = session.scalar(select(Card).where(Card.replaces_card_id == card.id))
    assert (new.state, new.number_last4, card.state) == ("active", "0001", "collected")
    holder = session.get(Cardholder, card.cardholder_id)
    session.refresh(holder)
    assert holder.current_card.id == new.id
    assert lifecycle.find_card(session, "B20000001", app.config).id == new.id


def test_collected_needs_the_new_card_number_and_refuses_a_taken_one(app, session, cardholders, outlets, clock):
    card = ready_card(session, app, clock, card_of=card_of, put_in_state=put_in_state)
    for number, code in [
        (None, "new_card_number_required"),
        ("A10000002", "card_number_taken"),
        ("B2-0001", "bad_new_card_number"),
    ]:
        with pytest.raises(lifecycle.MoveDetailError) as refused:
            move(session, app, clock, card, "collected", new_card_number=number)
        assert refused.value.code == code
        session.rollback()
        assert card.state == "ready"
    assert all(m.state == "pending" for m in messages(session, f"card:{card.id}"))


@pytest.mark.parametrize("outlet, code", [(None, "outlet_required"), ("NOWHERE", "unknown_outlet")])
def test_ready_needs_a_known_outlet(outlet, code, app, session, cardholders, outlets, clock):
    card = put_in_state(session, card_of(session, config=app.config), "in_production", now=clock())
    with pytest.raises(lifecycle.MoveDetailError) as refused:
        move(session, app, clock, card, "ready", outlet_code=outlet)
    assert refused.value.code == code
    session.rollback()
    assert card.state == "in_production" and messages(session) == []


def test_history_follows_the_card_and_the_one_it_replaced(app, session, cardholders, outlets, clock):
    card = card_of(session, config=app.config)
    steps = [
        ("formal_loss", "operator", {}),
        ("replacement_applied", "operator", {}),
        ("in_production", "production", {}),
        ("ready", "production", {"outlet_code": "BJ-CITY"}),
        ("collected", "operator", {"new_card_number": "B20000001"}),
    ]
    for to, actor, details in steps:
        clock.advance(timedelta(days=1))
        move(session, app, clock, card, to, actor=actor, **details)
    new = lifecycle.find_card(session, "B20000001", app.config)
    clock.advance(timedelta(days=1))
    move(session, app, clock, new, "preloss", actor="phone")
    events = lifecycle.history(session, new)
    assert [(e.from_state, e.to_state, e.actor) for e in events] == [
        ("active", "formal_loss", "operator"),
        ("formal_loss", "replacement_applied", "operator"),
        ("replacement_applied", "in_production", "production"),
        ("in_production", "ready", "production"),
        ("ready", "collected", "operator"),
        ("active", "preloss", "phone"),
    ]
    assert [e.at for e in events] == sorted(e.at for e in events)
    assert events[3].note == "outlet BJ-CITY" and events[4].note == "new card ending 0001"
    assert [e.card_id for e in events] == [card.id] * 5 + [new.id]
    assert [e.to_state for e in lifecycle.history(session, card)] == [s for s, _, _ in steps]


def test_uncollected_cards_are_flagged_after_the_window(app, session, cardholders, outlets, clock):
    from scheduler.cards import flag_uncollected_cards

    card = ready_card(session, app, clock, card_of=card_of, put_in_state=put_in_state)
    clock.advance(timedelta(days=179, hours=23))
    assert flag_uncollected_cards(app) == 0
    assert uncollected_cards(session, now=clock(), config=app.config) == []
    session.commit()  # SQLite: the job's own session needs the write lock this one holds
    clock.advance(timedelta(hours=1))
    assert flag_uncollected_cards(app) == 1
    assert flag_uncollected_cards(app) == 0  # flagged once
    session.expire_all()
    [waiting] = uncollected_cards(session, now=clock(), config=app.config)
    assert (waiting.card.id, waiting.days_waiting, waiting.flagged) == (card.id, 180, True)
    move(session, app, clock, card, "collected", new_card_number="B20000001")
    assert uncollected_cards(session, now=clock(), config=app.config) == []
    assert flag_uncollected(session, now=clock(), config=app.config) == []


def test_flag_job_is_registered_with_the_scheduler():
    from scheduler.jobs import JOBS

    assert "flag-uncollected-cards" in {job.id for job in JOBS}


@pytest.mark.parametrize("key", ["sms.card_ready", "sms.collection_reminder"])
def test_collection_texts_exist_in_both_languages_with_the_same_blanks(key):
    from ivr.prompts import CATALOGUE, placeholders

    zh, en = CATALOGUE[key]["zh"], CATALOGUE[key]["en"]
    assert placeholders(zh) == placeholders(en) >= {"hotline", "outlet", "hours"}
    assert any("\u4e00" <= char <= "\u9fff" for char in zh) and en.isascii()


def test_one_rule_says_which_cards_are_overdue_everywhere(app, session, cardholders, outlets, clock, make_token):
    """The console's "overdue", the API's list and the CLI agree, whether or not the scheduler has run."""
    card = ready_card(session, app, clock, card_of=card_of, put_in_state=put_in_state)
    session.commit()
    token = make_token()
    client = app.test_client()

    def api_lists():
        answer = client.get("/api/v1/uncollected-cards", headers={"Authorization": f"Bearer {token}"})
        return [c["id"] for c in answer.get_json()["cards"]]

    def cli_marks():
        return "OVERDUE" in app.test_cli_runner().invoke(args=["card", "uncollected", "--all"]).output

    clock.advance(timedelta(days=200))  # overdue, though the hourly job has not run yet
    assert api_lists() == [card.id] and cli_marks()
    [shown] = uncollected_cards(session, now=clock(), config=app.config)
    assert shown.overdue and not shown.flagged
    app.config["COLLECTION_WINDOW_DAYS"] = 300  # a longer window: flagged before, not overdue now
    flag_uncollected(session, now=clock() - timedelta(days=1), config={"COLLECTION_WINDOW_DAYS": 180})
    session.commit()
    assert api_lists() == [] and not cli_marks()
