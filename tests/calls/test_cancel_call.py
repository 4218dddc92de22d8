"""Cancelling a pre-loss report by phone because the card turned up."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from ivr.store import CallEvent, CardEvent, OutgoingMessage, db
from tests.support.calls import all_reports, current_card, done, file_report, identified, set_state, spoken_reference
from tests.support.engines import BOTH_ENGINES
from tests.support.known import HOLDERS


def messages(session, *, done, **where):
    session.expire_all()
    statement = select(OutgoingMessage).order_by(OutgoingMessage.id)
    for name, value in where.items():
        statement = statement.where(getattr(OutgoingMessage, name) == value)
    return done(session, session.scalars(statement).all())


@BOTH_ENGINES
@pytest.mark.parametrize("language, holder_key", [("zh", "zhang"), ("en", "li")])
def test_cancelling_makes_the_card_work_again(phone, cardholders, session, clock, language, holder_key):
    holder = HOLDERS[holder_key]
    file_report(phone, holder, language)
    clock.advance(timedelta(days=2))
    call = identified(phone, holder, "cancel", language)
    report = all_reports(session)[0]
    assert spoken_reference(report.reference, language) in call.heard
    assert ("解除挂失" in call.heard) if language == "zh" else ("cancel the report" in call.heard)
    assert call.languages_heard() == {language}

    call.press("1")
    assert ("已恢复正常使用" in call.heard) if language == "zh" else ("works again" in call.heard)
    report = all_reports(session)[0]
    assert report.status == "cancelled"
    assert report.closed_at == clock.now and report.closed_by == f"phone:{call.sid}"
    card = current_card(session, holder_key)
    assert card.state == "active"
    move = session.scalars(select(CardEvent).order_by(CardEvent.id.desc())).first()
    assert (move.from_state, move.to_state, move.actor, move.source) == ("preloss", "active", "phone", call.sid)
    subject = f"report:{report.id}"
    states = {m.kind: m.state for m in messages(session, subject=subject, done=done)}
    # Nothing about the report that has not gone out yet is sent after it is cancelled.
    assert states["formal_report_reminder"] == states["preloss_confirmation"] == "cancelled"
    assert states["preloss_cancelled"] == "pending"
    confirmation = messages(session, kind="preloss_cancelled", done=done)[0]
    assert confirmation.to_number == "+86" + holder["mobile"]
    assert report.reference in confirmation.body
    assert call.languages_heard() == {language}


def test_cancellation_sms_goes_to_registered_mobile_not_the_caller(phone, cardholders, session):
    file_report(phone, HOLDERS["zhang"])
    call = identified(phone, HOLDERS["zhang"], "cancel", caller="+8613999990000")
    call.press("1")
    [confirmation] = messages(session, kind="preloss_cancelled", done=done)
    assert confirmation.to_number == "+8613800138000"
    assert "已解除" in confirmation.body


def test_pressing_2_keeps_the_report(phone, cardholders, session):
    file_report(phone, HOLDERS["zhang"])
    call = identified(phone, HOLDERS["zhang"], "cancel")
    call.press("2")
    assert "挂失保留不变" in call.heard and "挂失社保卡请按1" in call.heard  # back at the main menu
    assert all_reports(session)[0].status == "active"
    assert current_card(session, "zhang").state == "preloss"
    assert messages(session, kind="preloss_cancelled", done=done) == []


def test_9_repeats_the_offer_and_star_goes_to_the_menu(phone, cardholders, session):
    file_report(phone, HOLDERS["li"], "en")
    call = identified(phone, HOLDERS["li"], "cancel", "en")
    offer = call.heard
    call.press("9")
    assert call.heard == offer
    call.press("*")
    assert "To report a lost card, press 1" in call.heard
    assert current_card(session, "li").state == "preloss"


@pytest.mark.parametrize("keys, reason", [(["5"], "not one of the choices"), ([""], "did not hear")])
def test_wrong_key_or_silence_asks_again_and_changes_nothing(phone, cardholders, session, keys, reason):
    file_report(phone, HOLDERS["li"], "en")
    call = identified(phone, HOLDERS["li"], "cancel", "en")
    for key in keys:
        call.press(key)
    assert reason in call.heard and "press 1" in call.heard
    assert current_card(session, "li").state == "preloss"


def test_three_wrong_keys_lead_on_to_a_person(phone, cardholders, session, app):
    app.config["OPERATOR_NUMBER"] = "+861065550000"
    file_report(phone, HOLDERS["zhang"])
    call = identified(phone, HOLDERS["zhang"], "cancel")
    for _ in range(3):
        call.press("7")
    assert "这一步没能完成" in call.heard and "正在为您转接人工服务" in call.heard and call.dialled is not None
    assert current_card(session, "zhang").state == "preloss"


def test_cancelling_twice_sends_one_confirmation(phone, cardholders, session):
    file_report(phone, HOLDERS["zhang"])
    identified(phone, HOLDERS["zhang"], "cancel").press("1")
    again = identified(phone, HOLDERS["zhang"], "cancel")
    assert "已于" in again.heard and "无需再次解除" in again.heard
    assert len(messages(session, kind="preloss_cancelled", done=done)) == 1
    assert current_card(session, "zhang").state == "active"


def test_cancelling_again_in_the_same_call_is_refused(phone, cardholders, session):
    file_report(phone, HOLDERS["li"], "en")
    call = identified(phone, HOLDERS["li"], "cancel", "en")
    call.press("1")
    call.press("*")
    call.press("2")  # the main menu again: cancel; already verified in this call
    assert "was already cancelled" in call.heard
    assert len(messages(session, kind="preloss_cancelled", done=done)) == 1


def test_a_retried_webhook_cancels_once(phone, cardholders, app):
    # No `session` fixture here: its app context would make the requests share one session.
    file_report(phone, HOLDERS["zhang"])
    call = identified(phone, HOLDERS["zhang"], "cancel")
    action = call.action
    call.press("1")
    first = call.last_xml
    retry = phone.post(action, call.params(Digits="1"))
    assert retry.data == first
    with app.app_context(), db.new_session() as session:
        assert len(messages(session, kind="preloss_cancelled", done=done)) == 1


def test_a_lapsed_report_cannot_be_cancelled(phone, cardholders, session, clock):
    file_report(phone, HOLDERS["zhang"])
    report = all_reports(session)[0]
    report.status, report.closed_at, report.closed_by = "lapsed", report.expires_at, "scheduler"
    session.commit()
    current_card(session, "zhang").state = "active"
    session.commit()
    clock.advance(timedelta(days=11))
    call = identified(phone, HOLDERS["zhang"], "cancel")
    assert "到期自动解除" in call.heard and "12月5日" in call.heard  # this year's date: no year
    assert "挂失社保卡请按1" in call.heard  # the main menu again
    assert all_reports(session)[0].status == "lapsed"
    assert messages(session, kind="preloss_cancelled", done=done) == []


def test_nothing_to_cancel_on_an_active_card(phone, cardholders, session):
    call = identified(phone, HOLDERS["li"], "cancel", "en")
    assert "has no lost-card report" in call.heard and "8, 0, 0, 2" not in call.heard
    assert "To report a lost card, press 1" in call.heard


@pytest.mark.parametrize(
    "state, heard",
    [
        ("formal_loss", "formally reported lost"),
        ("in_production", "new card in production"),
    ],
)
def test_a_card_gone_past_the_phone_report_is_sent_to_an_outlet(phone, cardholders, session, clock, state, heard):
    file_report(phone, HOLDERS["li"], "en")
    set_state(session, current_card(session, "li"), state, clock.now)
    call = identified(phone, HOLDERS["li"], "cancel", "en")
    assert heard in call.heard and "cannot be cancelled by phone" in call.heard
    assert current_card(session, "li").state == state


def test_phone_cancelling_switched_off(phone, cardholders, session, app):
    app.config["ALLOW_PHONE_CANCEL"] = False
    file_report(phone, HOLDERS["zhang"])
    call = phone.dial(language="zh")
    call.press("2")
    assert "暂不支持通过电话解除挂失" in call.heard and "身份证" in call.heard
    assert "请输入您的18位身份证号码" not in call.heard  # not asked to identify for nothing
    assert current_card(session, "zhang").state == "preloss"
    kinds = session.scalars(select(CallEvent.detail).where(CallEvent.kind == "cancel_refused")).all()
    assert kinds == ["not_allowed"]
