"""* goes back one identity step; the ID step keeps * for the letter X."""

from tests.support.calls import keys_for
from tests.support.known import HOLDERS

ZHANG = HOLDERS["zhang"]


def at_password(phone, language="en", *, keys_for):
    call = phone.dial(language=language)
    for keys in ("3", keys_for(ZHANG), "1"):
        call.press(keys)
    return call


def test_lone_star_at_the_id_step_goes_back_to_the_menu(phone, cardholders):
    call = phone.dial(language="en")
    call.press("1")
    call.press("*#")
    assert "To report a lost card, press 1" in call.heard


def test_star_inside_an_id_number_is_still_x(phone, cardholders):
    call = phone.dial(language="en")
    call.press("1")
    call.press(keys_for(ZHANG))
    assert "0, 0, 2, X" in call.heard


def test_star_at_the_read_back_enters_the_number_again(phone, cardholders):
    call = phone.dial(language="zh")
    call.press("1")
    call.press(keys_for(ZHANG))
    call.press("*")
    assert "请输入18位身份证号码" in call.heard and "按键无效" not in call.heard


def test_star_at_the_password_goes_back_to_the_id_number(phone, cardholders):
    call = at_password(phone, keys_for=keys_for)
    call.press("*#")  # not said (each second counts), but * goes back a step wherever keys are asked
    assert "Key your 18-digit ID number" in call.heard


def test_star_at_the_mobile_goes_back_to_the_password_and_the_call_goes_on(phone, cardholders):
    call = at_password(phone, "zh", keys_for=keys_for)
    call.press(ZHANG["service_password"] + "#")
    assert "请输入这张卡登记手机号的后4位" in call.heard
    call.press("12*")
    assert "请输入6位社保卡服务密码" in call.heard and "身份验证没有通过" not in call.heard
    call.press(ZHANG["service_password"] + "#")
    call.press(ZHANG["mobile"][-4:])
    assert "正常使用" in call.heard  # the progress of the card: verified


def test_going_back_is_not_a_failed_verification(phone, cardholders, session):
    from sqlalchemy import select

    from ivr.store import VerificationAttempt

    call = at_password(phone, keys_for=keys_for)
    call.press("111111#")
    call.press("*")
    call.press("*#")
    assert session.scalars(select(VerificationAttempt)).all() == []
