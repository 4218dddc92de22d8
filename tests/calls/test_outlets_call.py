"""Outlets, opening hours and what to bring, without identifying; and the SMS of the same."""

import pytest
from sqlalchemy import select

from ivr.store import CallEvent, OutgoingMessage
from tests.support.calls import done, load_outlets


@pytest.fixture
def outlets(app):
    return load_outlets(app)


def outlet_messages(session, *, done):
    session.expire_all()
    return done(session, session.scalars(select(OutgoingMessage).where(OutgoingMessage.kind == "outlet_info")).all())


def test_area_code_finds_the_local_outlet_first(phone, outlets):
    call = phone.dial(language="zh")
    call.press("4")
    assert "前6位" in call.heard
    call.press("110105#")
    heard = call.heard
    assert heard.index("朝阳区社会保障卡服务中心") < heard.index("北京市社会保障卡服务大厅")
    assert "东城区" not in heard  # serves 110101, not 110105
    assert "办公时间：周一到周五上午8点半到下午5点" in heard
    assert "一寸彩色" in heard and "代办人的身份证" in heard
    assert "发送短信" in heard


def test_a_whole_id_number_is_fine_only_the_area_is_used(phone, outlets, session):
    call = phone.dial(language="zh")
    call.press("4")
    call.press("11010519491231002#")
    assert "东城区社保服务网点" not in call.heard and "朝阳区社会保障卡服务中心" in call.heard
    details = " ".join(session.scalars(select(CallEvent.detail)).all())
    assert "110105" not in details  # the digits are never logged, only the outlets heard
    assert "BJ-CY-01" in details


def test_hash_alone_gives_the_main_outlets(phone, outlets):
    call = phone.dial(language="en")
    call.press("4")
    call.press("#")
    heard = call.heard
    assert "Here are the main outlets" in heard
    # City-wide halls before district offices; at most three.
    assert heard.index("北京市社会保障卡服务大厅") < heard.index("Shenzhen Card Service Hall")
    assert heard.count("Outlet ") == 3
    assert "Someone acting for the cardholder brings both" in heard


def test_english_caller_hears_english_outlet_data_in_english(phone, outlets):
    call = phone.dial(language="en")
    call.press("4")
    call.press("440304#")
    assert ("en", "Shenzhen Card Service Hall. Address: 1 Fuhua Road.") in call.transcript
    assert ("en", "Opening hours: Monday to Friday, 9 a.m. to 6 p.m.") in call.transcript
    assert "北京" not in call.heard


def test_an_area_without_outlets_gets_the_main_ones(phone, outlets):
    call = phone.dial(language="en")
    call.press("4")
    call.press("310101#")
    assert "no outlet on record for that area" in call.heard
    assert "北京市社会保障卡服务大厅" in call.heard


@pytest.mark.parametrize("keys", ["123#", "11*0105#", "9" * 30 + "#"])
def test_bad_area_codes_are_asked_again(phone, outlets, keys):
    call = phone.dial(language="en")
    call.press("4")
    call.press(keys)
    assert "first 6 digits" in call.heard and "then press hash" in call.heard


def test_three_bad_area_codes_end_with_a_way_forward(phone, outlets):
    call = phone.dial(language="zh")
    call.press("4")
    for _ in range(3):
        call.press("12#")
    # On to a person; with none to reach here (no OPERATOR_NUMBER), back to the menu, never a hang-up.
    assert "这一步没能完成" in call.heard and "人工服务暂时无法接通" in call.heard and "挂失社保卡请按1" in call.heard


def test_star_at_the_area_prompt_goes_back_to_the_menu(phone, outlets):
    call = phone.dial(language="en")
    call.press("4")
    call.press("*#")
    assert "To report a lost card, press 1" in call.heard


def test_sms_to_a_calling_mobile(phone, outlets, session):
    call = phone.dial(caller="+8613911112222", language="zh")
    call.press("4")
    call.press("110105#")
    call.press("1")
    assert "短信已发送" in call.heard and "查询其他地区，请按2" in call.heard
    [message] = outlet_messages(session, done=done)
    assert message.to_number == "+8613911112222" and message.language == "zh"
    assert "朝阳区社会保障卡服务中心" in message.body and "一寸彩照" in message.body
    call.press("1")  # asking again for the same list sends it once
    assert len(outlet_messages(session, done=done)) == 1


def test_sms_for_another_area_is_a_second_message(phone, outlets, session):
    call = phone.dial(caller="+8613911112222", language="en")
    call.press("4")
    call.press("110105#")
    call.press("1")
    call.press("2")
    call.press("440304#")
    call.press("1")
    bodies = [m.body for m in outlet_messages(session, done=done)]
    assert len(bodies) == 2 and "Shenzhen" in bodies[1] and "Shenzhen" not in bodies[0]


@pytest.mark.parametrize("caller", ["+861065551234", "anonymous", ""])
def test_no_sms_to_a_landline_or_hidden_number(phone, outlets, session, caller):
    call = phone.dial(caller=caller, language="en")
    call.press("4")
    call.press("#")
    call.press("1")
    assert "not a mobile number" in call.heard and "press 1" in call.heard
    assert outlet_messages(session, done=done) == []


def test_9_repeats_star_menu_silence_goodbye(phone, outlets):
    call = phone.dial(language="zh")
    call.press("4")
    call.press("#")
    told = call.heard
    call.press("9")
    assert "北京市社会保障卡服务大厅" in call.heard and "发送短信" in call.heard
    call.press("7")
    assert "按键无效" in call.heard
    call.press("*")
    assert "挂失社保卡请按1" in call.heard
    call.press("4")
    call.press("#")
    assert call.heard == told
    call.silence()
    assert "请对本次服务进行评价" in call.heard  # an outcome was reached: the one rating question
    call.silence()
    assert call.ended and "再见" in call.heard


def test_no_outlets_at_all(phone, app):
    call = phone.dial(language="en")
    call.press("4")
    call.press("#")
    assert "no outlet information" in call.heard and "To report a lost card, press 1" in call.heard


def test_at_most_three_outlet_sms_in_one_call(phone, outlets, session):
    call = phone.dial(caller="+8613911112222", language="en")
    call.press("4")
    for area in ("110105#", "110101#", "440304#", "#"):
        call.press(area)
        call.press("1")
        call.press("2")
    assert len(outlet_messages(session, done=done)) == 3
    events = done(session, session.scalars(select(CallEvent.detail).where(CallEvent.kind == "sms_refused")).all())
    assert events == ["limit per call"]


ENGLISH_NAMES = (
    "code,name,area_code,address,hours,phone,name_en,address_en\n"
    "BJ-CY-01,朝阳区社会保障卡服务中心,110105,北京市朝阳区工体北路1号,周一至周五 8:30-17:00,010-96102,"
    "Chaoyang Card Centre,1 Gongti North Road\n"
    "BJ-CITY,北京市社会保障卡服务大厅,11,北京市西城区复兴门内大街3号,周一至周六 8:30-17:30,010-96102,,\n"
)


@pytest.fixture
def english_names(app, outlets):
    """BJ-CY-01 given an English name and address; BJ-CITY has none."""
    import io

    from ivr.directory.outlets import import_csv
    from ivr.store import db

    with app.app_context(), db.new_session() as session:
        result = import_csv(session, io.StringIO(ENGLISH_NAMES))
        session.commit()
    assert not result.rejected


def test_an_english_caller_hears_and_reads_the_outlets_english_name(phone, english_names, session):
    call = phone.dial(caller="+8613911112222", language="en")
    call.press("4")
    call.press("110105#")
    assert ("en", "Chaoyang Card Centre. Address: 1 Gongti North Road.") in call.transcript
    assert "朝阳" not in call.heard
    assert "北京市社会保障卡服务大厅" in call.heard  # no English name: said as written
    call.press("1")
    [message] = outlet_messages(session, done=done)
    assert "Chaoyang Card Centre" in message.body and "朝阳" not in message.body


def test_a_mandarin_caller_still_hears_the_chinese_name(phone, english_names):
    call = phone.dial(language="zh")
    call.press("4")
    call.press("110105#")
    assert "朝阳区社会保障卡服务中心" in call.heard and "Chaoyang" not in call.heard
