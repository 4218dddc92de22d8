"""A cardholder reports a lost card by phone, from the greeting to the SMS."""

from datetime import timedelta

from sqlalchemy import select

from ivr.store import CallEvent, Card, OutgoingMessage, PrelossReport
from tests.support.app import read_sms
from tests.support.calls import keys_for, report_call, spoken_reference
from tests.support.engines import BOTH_ENGINES
from tests.support.known import HOLDERS


@BOTH_ENGINES
def test_mandarin_caller_reports_card_and_hears_reference(phone, cardholders, session):
    call = report_call(phone, HOLDERS["zhang"])
    assert "尾号零 零 零 幺的社保卡立即停用" in call.heard and "确认挂失请按1" in call.heard
    assert call.languages_heard() == {"zh"}
    call.press("1")

    report_row = session.scalar(select(PrelossReport))
    assert report_row is not None and report_row.status == "active"
    assert call.heard.count(spoken_reference(report_row.reference, "zh")) == 2  # grouped, said twice
    assert "12月5日" in call.heard and "2026年" not in call.heard  # ten days on; this year: no year said
    assert "社保服务网点" in call.heard and "短信" in call.heard  # where to go; the details by SMS
    card = session.get(Card, report_row.card_id)
    assert card.state == "preloss"


@BOTH_ENGINES
def test_english_caller_hears_everything_in_english(phone, cardholders, session):
    call = report_call(phone, HOLDERS["li"], language="en")
    call.press("1")
    reference = session.scalar(select(PrelossReport.reference))
    assert spoken_reference(reference, "en") in call.heard
    assert "Saturday, December 5" in call.heard
    # After the greeting (Mandarin, with "For English, press 8"), only English is heard...
    end = call.transcript.index(("en", "For English, press 8.")) + 1
    while call.transcript[end][0] == "zh":  # the rest of the Mandarin menu
        end += 1
    after_greeting = call.transcript[end:]
    assert {lang for lang, text in after_greeting if text != "普通话服务请按8。"} == {"en"}


def test_star_keys_the_letter_x(phone, cardholders):
    call = phone.dial(language="en")
    call.press("1")
    call.press("11010519491231002*#")
    assert "0, 0, 2, X" in call.heard


def test_sms_goes_to_registered_mobile_not_the_caller(phone, cardholders, session, app):
    call = phone.dial(caller="+8613111112222", language="zh")
    for keys in ("1", keys_for(HOLDERS["zhang"]), "1", "246810#", "8000", "1"):
        call.press(keys)
    messages = session.scalars(select(OutgoingMessage).order_by(OutgoingMessage.due_at)).all()
    assert [m.kind for m in messages] == ["preloss_confirmation"] + ["formal_report_reminder"] * 2
    reference = session.scalar(select(PrelossReport.reference))
    confirmation, reminder, _last_reminder = messages
    assert confirmation.to_number == "+8613800138000"
    assert reference in confirmation.body and "一寸彩照" in confirmation.body
    # the next day at 10:00 Beijing time
    assert reminder.due_at == confirmation.due_at.replace(hour=2, minute=0) + timedelta(days=1)


def test_confirmation_is_sent_by_the_scheduler_job(phone, cardholders, app, sms_file):
    from scheduler.jobs import dispatch_messages

    report_call(phone, HOLDERS["zhang"]).press("1")
    dispatch_messages(app)
    sent = read_sms(sms_file)
    assert [(m["to"], m["kind"]) for m in sent] == [("+8613800138000", "preloss_confirmation")]


def test_a_card_already_reported_is_not_reported_twice(phone, cardholders, session):
    first = report_call(phone, HOLDERS["zhang"])
    first.press("1")
    second = report_call(phone, HOLDERS["zhang"])
    reference = session.scalar(select(PrelossReport.reference))
    assert "已于" in second.heard and "无需重复挂失" in second.heard
    assert len(session.scalars(select(PrelossReport)).all()) == 1
    assert spoken_reference(reference, "zh") in second.heard


def test_pressing_2_at_the_offer_changes_nothing(phone, cardholders, session):
    call = report_call(phone, HOLDERS["zhang"])
    call.press("2")
    assert "挂失社保卡" in call.heard or "社保卡丢失挂失" in call.heard
    assert session.scalar(select(PrelossReport)) is None
    assert session.scalars(select(Card.state)).all() == ["active"] * 3


def test_call_log_records_steps_without_digits(phone, cardholders, session):
    call = report_call(phone, HOLDERS["zhang"])
    call.press("1")
    events = session.scalars(select(CallEvent)).all()
    kinds = [e.kind for e in events]
    assert "verification_passed" in kinds and "report_filed" in kinds
    details = " ".join(e.detail for e in events)
    for secret in ("11010519491231002X", "246810", "8000"):
        assert secret not in details
