"""Whatever a caller keys or Twilio sends, the caller hears a way forward and nothing wrong is stored."""

import pytest
from sqlalchemy import func, select

from ivr.store import Call, Card, PrelossReport
from tests.support.calls import keys_for
from tests.support.known import HOLDERS


def at_id_step(phone, language="zh"):
    call = phone.dial(language=language)
    call.press("1")
    return call


@pytest.mark.parametrize(
    "keys, heard",
    [
        ("1101051949123100#", "不是18位"),
        ("11010519491231002X1234#", "不是18位"),
        ("110105194912310021#", "校验位不正确"),
        ("110105209912310021#", "出生日期不正确"),
        ("110105194913310021#", "出生日期不正确"),
        ("11010519491231*002#", "只能由数字组成"),
        ("9" * 1000 + "#", "不是18位"),
        ("abc#", "不是18位"),
    ],
)
def test_a_bad_id_number_is_explained_and_asked_again(phone, cardholders, keys, heard):
    call = at_id_step(phone)
    call.press(keys)
    assert heard in call.heard
    assert "请输入18位身份证号码" in call.heard
    assert not call.ended


def test_three_bad_entries_lead_to_a_person_not_a_hang_up(phone, cardholders, session, app):
    app.config["OPERATOR_NUMBER"] = "+861065550000"
    call = at_id_step(phone, "en")
    call.press("123#")
    call.silence()
    call.press("456#")
    assert "could not get that done" in call.heard and "Connecting you to an operator" in call.heard
    assert call.dialled is not None and not call.ended
    assert session.scalar(select(Call.outcome)) == "gave_up"


def test_three_bad_entries_outside_staffed_hours_offer_a_report_and_a_call_back(phone, cardholders, clock):
    clock.now = clock.now.replace(hour=14)  # 22:00 in Beijing
    call = at_id_step(phone, "en")
    for keys in ("123#", "456#", "789#"):
        call.press(keys)
    assert "outside those hours" in call.heard and "call you back, press 2" in call.heard
    assert not call.ended


@pytest.mark.parametrize("keys", ["", "7", "#", "99"])
def test_menu_reprompts_on_silence_or_a_wrong_key(phone, keys):
    call = phone.dial(language="en")
    call.press(keys) if keys else call.silence()
    assert "press 1" in call.heard and not call.ended


def test_menu_gives_up_after_three_tries_and_then_says_goodbye(phone):
    call = phone.dial(language="en")
    for _ in range(3):
        call.press("7")
    # No dead end: on to a person (none can be reached here: no OPERATOR_NUMBER), then the menu again.
    assert "could not get that done" in call.heard and "To report a lost card, press 1" in call.heard
    call.press("7")  # a person was offered already: this time the call ends, with help
    assert call.ended and "service outlet" in call.heard and "Goodbye" in call.heard


def test_silence_at_the_greeting_means_mandarin(phone):
    call = phone.dial(caller="+8613111112222")  # nobody's registered mobile
    call.silence()
    assert "我们没有收到您的按键" in call.heard and "挂失社保卡请按1" in call.heard
    assert "To report a lost card" not in call.heard


def test_unknown_id_hears_exactly_what_wrong_answers_hear(phone, cardholders):
    stranger = phone.dial(language="en")
    for keys in ("1", "110105198506150014#", "1", "111111#"):
        stranger.press(keys)
    stranger.press("1234")

    holder = phone.dial(language="en")
    for keys in ("1", keys_for(HOLDERS["zhang"]), "1", "111111#"):
        holder.press(keys)
    holder.press("1234")

    assert stranger.heard == holder.heard
    assert "could not verify" in holder.heard


def test_wrong_mobile_digits_fail_verification(phone, cardholders, session):
    call = phone.dial(language="zh")
    for keys in ("1", keys_for(HOLDERS["zhang"]), "1", "246810#"):
        call.press(keys)
    call.press("0000")
    assert "身份验证没有通过" in call.heard and "请输入6位社保卡服务密码" in call.heard
    assert session.scalar(select(func.count()).select_from(PrelossReport)) == 0


@pytest.mark.parametrize(
    "language, failed, connecting",
    [
        ("zh", "身份验证两次没有通过", "正在为您转接人工服务"),
        # Not "we could not verify you twice", which reads as failing a second verification.
        ("en", "Sorry, your identity check has failed twice.", "Connecting you to an operator"),
    ],
)
def test_two_failed_verifications_lead_to_a_person_in_staffed_hours(
    phone, cardholders, session, app, language, failed, connecting
):
    app.config["OPERATOR_NUMBER"] = "+861065550000"
    call = phone.dial(language=language)
    for keys in ("1", keys_for(HOLDERS["zhang"]), "1"):
        call.press(keys)
    for _ in range(2):
        call.press("999999#")
        call.press("8000")
    assert failed in call.heard and connecting in call.heard
    assert call.heard.index(failed) < call.heard.index(connecting)
    assert call.dialled.find("Number").text == "+861065550000" and not call.ended
    assert session.scalar(select(Call.outcome)) == "verification_failed"


@pytest.mark.parametrize("language, said", [("zh", "预约回电请按1"), ("en", "To ask for a call back, press 1")])
def test_two_failed_verifications_outside_staffed_hours_offer_a_call_back(
    phone, cardholders, session, clock, language, said
):
    clock.now = clock.now.replace(hour=14)  # 22:00 in Beijing
    call = phone.dial(language=language)
    for keys in ("1", keys_for(HOLDERS["li"]), "1"):
        call.press(keys)
    for _ in range(2):
        call.press("999999#")
        call.press("8000")
    assert said in call.heard and not call.ended
    assert session.scalar(select(Call.outcome)) == "verification_failed"


def test_initial_password_cannot_verify_by_phone(phone, cardholders, session):
    call = phone.dial(language="zh")
    for keys in ("1", keys_for(HOLDERS["wang"]), "1", "123456#"):
        call.press(keys)
    call.press("7000")
    assert "初始服务密码" in call.heard and "人工服务" in call.heard
    assert session.scalar(select(func.count()).select_from(PrelossReport)) == 0
    assert session.scalars(select(Card.state)).all() == ["active"] * 3


def test_reentering_the_id_after_readback(phone, cardholders):
    call = at_id_step(phone, "en")
    call.press("110101198001010053#")
    assert "0, 0, 5, 3" in call.heard
    call.press("2")
    assert "Key your 18-digit ID number" in call.heard
