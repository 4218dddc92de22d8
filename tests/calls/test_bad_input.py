"""Whatever a caller keys or Twilio sends, the caller hears a way forward and nothing wrong is stored."""

import pytest
from sqlalchemy import func, select

from ivr.store import Call, Card, PrelossReport
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
    assert "请输入您的18位身份证号码" in call.heard
    assert not call.ended


def test_three_bad_entries_end_the_call_with_help(phone, cardholders, session):
    call = at_id_step(phone, "en")
    call.press("123#")
    call.silence()
    call.press("456#")
    assert "service outlet" in call.heard and "operator" in call.heard
    assert call.ended
    assert session.scalar(select(Call.outcome)) == "gave_up"


@pytest.mark.parametrize("keys", ["", "7", "#", "99"])
def test_menu_reprompts_on_silence_or_a_wrong_key(phone, keys):
    call = phone.dial(language="en")
    call.press(keys) if keys else call.silence()
    assert "press 1" in call.heard and not call.ended


def test_menu_gives_up_after_three_tries(phone):
    call = phone.dial(language="en")
    for _ in range(3):
        call.press("7")
    assert call.ended and "Goodbye" in call.heard


def test_silence_at_the_language_choice_means_mandarin(phone):
    call = phone.dial()
    call.silence()
    assert call.languages_heard() == {"zh"} and "请按1" in call.heard


def test_unknown_id_hears_exactly_what_wrong_answers_hear(phone, cardholders, keys_for):
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


def test_wrong_mobile_digits_fail_verification(phone, cardholders, session, keys_for):
    call = phone.dial(language="zh")
    for keys in ("1", keys_for(HOLDERS["zhang"]), "1", "246810#"):
        call.press(keys)
    call.press("0000")
    assert "身份验证没有通过" in call.heard and "请输入6位社保卡服务密码" in call.heard
    assert session.scalar(select(func.count()).select_from(PrelossReport)) == 0


def test_three_failed_verifications_end_the_call(phone, cardholders, session, keys_for):
    call = phone.dial(language="zh")
    for keys in ("1", keys_for(HOLDERS["zhang"]), "1"):
        call.press(keys)
    for _ in range(3):
        call.press("999999#")
        call.press("8000")
    assert call.ended and "多次没有通过" in call.heard
    assert session.scalar(select(Call.outcome)) == "verification_failed"


def test_initial_password_cannot_verify_by_phone(phone, cardholders, session, keys_for):
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
    assert "Please enter your 18-digit ID number" in call.heard
