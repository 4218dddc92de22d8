"""Operator: <Dial> during staffed hours, a callback offer when unanswered, hours outside them."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from ivr.calendar import staffed_hours as operator_hours
from ivr.platform.config import ConfigError
from ivr.store import Call, CallEvent
from tests.support.calls import all_reports, dial_result, done, identity_keys
from tests.support.known import HOLDERS

OPERATOR = "+861065550000"


@pytest.fixture
def staffed(app):
    app.config["OPERATOR_NUMBER"] = OPERATOR
    return app


def events(session, kind, *, done):
    session.expire_all()
    return done(session, session.scalars(select(CallEvent.detail).where(CallEvent.kind == kind)).all())


def outcome(session, call, *, done):
    session.expire_all()
    return done(session, session.scalar(select(Call.outcome).where(Call.call_sid == call.sid)))


@pytest.mark.parametrize("language, said", [("zh", "正在为您转接人工服务"), ("en", "Connecting you to an operator")])
def test_staffed_hours_transfer_with_dial(phone, staffed, session, language, said):
    call = phone.dial(language=language)
    call.press("0")
    assert said in call.heard
    assert call.dialled is not None and call.dialled.find("Number").text == OPERATOR
    assert events(session, "operator_transfer", done=done) == [""]
    dial_result(call, "completed")
    assert {"zh": "请对本次服务进行评价", "en": "Please rate this call"}[language] in call.heard
    call.silence()
    assert call.ended
    assert outcome(session, call, done=done) == "operator_transfer"


@pytest.mark.parametrize(
    "status, said",
    [
        ("busy", "all operators are busy"),
        ("no-answer", "no operator could take your call"),
        ("failed", "no operator could take your call"),
        ("", "no operator could take your call"),
    ],
)
def test_unanswered_transfer_offers_a_callback_then_the_menu(phone, staffed, session, status, said):
    call = phone.dial(language="en")
    call.press("0")
    dial_result(call, status)
    assert said in call.heard and "To ask for a call back, press 1" in call.heard
    assert not call.ended
    call.press("*")
    assert "To report a lost card, press 1" in call.heard
    assert events(session, "operator_unanswered", done=done) == [status or "unknown"]
    assert outcome(session, call, done=done) is None
    call.press("1")  # and the menu works on
    assert "18-digit ID number" in call.heard


def test_busy_in_mandarin(phone, staffed):
    call = phone.dial(language="zh")
    call.press("0")
    dial_result(call, "busy")
    assert "人工座席正忙" in call.heard and "预约回电请按1" in call.heard


def test_no_operator_number_configured(phone, app, session):
    call = phone.dial(language="en")
    call.press("0")
    assert "cannot reach an operator" in call.heard and "To report a lost card, press 1" in call.heard
    assert getattr(call, "dialled", None) is None


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 11, 25, 10, 0, tzinfo=UTC),  # Wednesday 18:00 in Beijing
        datetime(2026, 11, 28, 2, 0, tzinfo=UTC),  # Saturday 10:00
        datetime(2026, 11, 25, 0, 29, tzinfo=UTC),  # Wednesday 08:29
    ],
)
def test_outside_hours_says_the_hours_and_offers_a_report(phone, staffed, clock, session, moment):
    clock.now = moment
    call = phone.dial(language="zh")
    call.press("0")
    assert "周一到周五上午8点半到下午5点半" in call.heard  # times as people say them
    assert "电话挂失随时可以办：挂失社保卡请按1" in call.heard  # the main menu's own words and key
    assert getattr(call, "dialled", None) is None
    call.press("1")
    assert "请输入18位身份证号码" in call.heard
    assert events(session, "operator_closed", done=done) == [""]


def test_outside_hours_in_english_then_9_repeats_and_star_goes_back(phone, staffed, clock):
    clock.advance(timedelta(hours=10))  # 20:00 in Beijing
    call = phone.dial(language="en")
    call.press("0")
    told = call.heard
    assert "Monday to Friday, 8:30 a.m. to 5:30 p.m." in told and "press 1" in told
    call.press("9")
    assert call.heard == told
    call.press("4")
    assert "not one of the choices" in call.heard
    call.press("*")
    assert "To report a lost card, press 1" in call.heard


def test_outside_hours_silence_says_goodbye(phone, staffed, clock):
    clock.advance(timedelta(hours=10))
    call = phone.dial(language="en")
    call.press("0")
    call.silence()
    assert call.ended and "Goodbye" in call.heard


def test_reporting_from_the_closed_operator_menu_files_a_report(phone, staffed, clock, cardholders, session):
    clock.advance(timedelta(hours=10))
    holder = HOLDERS["zhang"]
    call = phone.dial(language="zh")
    for keys in ("0", *identity_keys(holder), "1"):
        call.press(keys)
    assert "挂失成功" in call.heard
    assert len(all_reports(session)) == 1


# The hours themselves


@pytest.mark.parametrize(
    "spec, local, open_",
    [
        ("Mon-Fri 08:30-17:30", datetime(2026, 11, 25, 8, 30), True),
        ("Mon-Fri 08:30-17:30", datetime(2026, 11, 25, 17, 30), False),
        ("Mon-Fri 08:30-17:30", datetime(2026, 11, 29, 12, 0), False),
        ("Mon-Fri 08:30-17:30; Sat 09:00-12:00", datetime(2026, 11, 28, 11, 59), True),
        ("Mon,Wed 09:00-10:00", datetime(2026, 11, 24, 9, 30), False),
        ("Mon,Wed 09:00-10:00", datetime(2026, 11, 25, 9, 30), True),
        ("closed", datetime(2026, 11, 25, 9, 30), False),
    ],
)
def test_is_open_in_local_time(spec, local, open_):
    moment = (local - timedelta(hours=8)).replace(tzinfo=UTC)  # Beijing is UTC+8
    assert operator_hours.is_open(spec, moment, "Asia/Shanghai") is open_


@pytest.mark.parametrize(
    "spec, zh, en",
    [
        ("Mon-Fri 08:30-17:30", "周一到周五上午8点半到下午5点半", "Monday to Friday, 8:30 a.m. to 5:30 p.m."),
        ("Mon-Fri 08:30-17:30; Sat 09:00-12:00", "；周六上午9点到中午12点", "; Saturday, 9 a.m. to noon"),
        ("Sat,Sun 10:00-16:00", "周六、周日上午10点到下午4点", "Saturday, Sunday, 10 a.m. to 4 p.m."),
        # The part of the day said once when both ends are in it, as people say it.
        ("Mon-Fri 14:00-17:00", "周一到周五下午两点到5点", "Monday to Friday, 2 p.m. to 5 p.m."),
        ("Mon-Fri 08:30-10:00", "周一到周五上午8点半到10点（", "Monday to Friday, 8:30 a.m. to 10 a.m., "),
    ],
)
def test_hours_are_spoken_per_language(spec, zh, en):
    assert zh in operator_hours.spoken(spec, "zh")
    assert en in operator_hours.spoken(spec, "en")


@pytest.mark.parametrize(
    "spec",
    [
        "Mon-Fri",
        "Mon-Fri 8-17",
        "Funday 08:00-09:00",
        "Fri-Mon 08:00-09:00",
        "Mon 17:00-08:00",
    ],
)
def test_unreadable_hours_stop_the_app_with_a_reason(app_config, spec):
    from ivr import create_app

    with pytest.raises(ConfigError, match="OPERATOR_HOURS"):
        create_app({**app_config, "OPERATOR_HOURS": spec})


def test_a_bad_operator_number_stops_the_app(app_config):
    from ivr import create_app

    with pytest.raises(ConfigError, match="OPERATOR_NUMBER"):
        create_app({**app_config, "OPERATOR_NUMBER": "not a number"})


def test_a_hotline_without_operators_says_so(phone, app, session):
    app.config["OPERATOR_HOURS"] = "closed"
    call = phone.dial(language="en")
    call.press("0")
    assert "This hotline has no operators" in call.heard and "To report a lost card, press 1" in call.heard
    call.press("1")
    assert "18-digit ID number" in call.heard
