"""Callback requests on the phone: closed line, initial password, locked out, merging, the SMS."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from ivr.store import CallbackRequest, CallRating, OutgoingMessage
from tests.support.calls import fail_verification, file_report, keys_for, spoken_reference
from tests.support.engines import BOTH_ENGINES
from tests.support.known import HOLDERS

LANDLINE = "+861065551234"
# 20:00 on Wednesday 25 November 2026 in Beijing: operators are back at 08:30 tomorrow.
EVENING = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def requests(session):
    session.expire_all()
    return session.scalars(select(CallbackRequest).where(CallbackRequest.status != "draft")).all()


def acks(session):
    return session.scalar(
        select(func.count()).select_from(OutgoingMessage).where(OutgoingMessage.kind == "callback_ack")
    )


@pytest.mark.parametrize(
    "language, offer, ask, read_back, saved, when",
    [
        (
            "zh",
            "预约人工回电请按2",
            "输入回电号码",  # "说出或输入": keys or words
            "您输入的号码是：幺 三 九，幺 二 三 四，五 六 七 八",  # a mobile read 3-4-4
            "已为您登记回电",
            "明天上午8点半起",
        ),
        (
            "en",
            "To have an operator call you back, press 2",
            "key the number to call you back on",
            "You entered 1, 3, 9; 1, 2, 3, 4; 5, 6, 7, 8",
            "Your call-back request is registered",
            "from 8:30 a.m. tomorrow",
        ),
    ],
)
@BOTH_ENGINES
def test_closed_line_then_callback_to_a_keyed_number(
    phone, app, clock, session, language, offer, ask, read_back, saved, when
):
    clock.now = EVENING
    call = phone.dial(caller=LANDLINE, language=language)
    call.press("0")
    assert offer in call.heard
    call.press("2")
    assert ask in call.heard  # a landline: the caller keys a number
    call.press("12345#")
    assert {"zh": "这不是有效的电话号码", "en": "not a valid phone number"}[language] in call.heard
    call.press("13912345678#")
    assert read_back in call.heard
    call.press("1")
    assert saved in call.heard and when in call.heard and call.ended
    (request,) = requests(session)
    assert (request.phone, request.reason, request.verified, request.card_last4) == (
        "+8613912345678",
        "closed",
        False,
        None,
    )
    assert request.expected_from == datetime(2026, 11, 26, 0, 30, tzinfo=UTC)
    # 4 staffed hours from Thursday 08:30 end at 12:30.
    assert request.due_by == datetime(2026, 11, 26, 4, 30, tzinfo=UTC)
    assert acks(session) == 1


def test_a_landline_gets_no_sms(phone, app, clock, session):
    clock.now = EVENING
    call = phone.dial(caller=LANDLINE, language="en")
    for keys in ("0", "2", "01065559876#", "1"):
        call.press(keys)
    assert "registered" in call.heard and "text message" not in call.heard
    assert requests(session)[0].phone == "+861065559876" and acks(session) == 0


@pytest.mark.parametrize(
    "language, offer, saved",
    [
        ("zh", "预约回电请按1", "已为您登记回电"),
        ("en", "To ask for a call back, press 1", "call-back request is registered"),
    ],
)
def test_initial_password_then_callback(phone, cardholders, session, clock, language, offer, saved):
    clock.now = EVENING  # a night-time caller who cannot verify by phone
    call = phone.dial(caller="+8613700137000", language=language)
    for keys in ("1", keys_for(HOLDERS["wang"]), "1", "123456#", "7000"):
        call.press(keys)
    assert offer in call.heard
    call.press("1")
    call.press("1")  # the calling mobile
    assert saved in call.heard
    (request,) = requests(session)
    assert (request.reason, request.verified, request.card_last4) == ("initial_password", False, None)
    assert request.came_from == "report:initial_password"


# The reference: random digits, not the row id, said like a report's and texted


@pytest.mark.parametrize(
    "language, texted",
    [("zh", "已收到您的回电预约（受理编号{reference}）"), ("en", "we have your call-back request (no. {reference})")],
)
def test_the_reference_is_seven_random_digits_said_slowly_in_groups_twice_and_texted(
    phone, app, clock, session, language, texted
):
    clock.now = EVENING
    call = phone.dial(caller="+8613800138000", language=language)
    for keys in ("0", "2", "1"):  # a person, closed: a call back, to the calling mobile
        call.press(keys)
    (request,) = requests(session)
    assert re.fullmatch(r"[0-9]{7}", request.reference) and request.reference != f"{request.id:07d}"
    # Grouped (幺 二 三 四，五 六 七), twice, slowly, with a break between the groups.
    assert call.heard.count(spoken_reference(request.reference, language)) == 2
    breaks = [pause.get("time") for pause in call.last_document.iter("break")]
    assert call.rates_heard().count("80%") == 2 and breaks == ["500ms", "500ms"]
    (ack,) = session.scalars(select(OutgoingMessage).where(OutgoingMessage.kind == "callback_ack")).all()
    assert texted.format(reference=request.reference) in ack.body


def test_each_request_gets_its_own_reference_and_a_merged_one_keeps_it(phone, app, clock, session):
    clock.now = EVENING
    heard = []
    for caller in ("+8613800138000", "+8613900139000", "+8613800138000"):
        call = phone.dial(caller=caller, language="en")
        for keys in ("0", "2", "1"):
            call.press(keys)
        heard.append(call.heard)
    first, second = sorted(requests(session), key=lambda r: r.id)
    assert first.reference != second.reference
    assert spoken_reference(first.reference, "en") in heard[2]  # asked again today: the same reference


def test_the_same_number_twice_in_a_day_is_one_request(phone, app, clock, session):
    clock.now = EVENING
    for minutes in (0, 90):
        clock.now = EVENING + timedelta(minutes=minutes)
        call = phone.dial(caller="+8613800138000", language="en")
        for keys in ("0", "2", "1"):
            call.press(keys)
    assert "Your call-back request is registered" in call.heard and "already" not in call.heard
    (request,) = requests(session)
    assert request.times_asked == 2 and acks(session) == 1
    session.commit()  # end the read: on SQLite it holds the write lock
    clock.now = EVENING + timedelta(days=1, hours=1)  # a day later it is a new request
    call = phone.dial(caller="+8613800138000", language="en")
    for keys in ("0", "2", "1"):
        call.press(keys)
    assert len(requests(session)) == 2


def test_nothing_secret_is_kept_with_a_request(phone, cardholders, session, clock):
    call = file_report(phone, HOLDERS["zhang"], "en")
    call.press("*")
    clock.now = EVENING
    for keys in ("0", "2", "1"):
        call.press(keys)
    (request,) = requests(session)
    stored = " ".join(str(getattr(request, c.name)) for c in CallbackRequest.__table__.columns)
    assert HOLDERS["zhang"]["id_number"][:14] not in stored and HOLDERS["zhang"]["service_password"] not in stored
    assert request.verified and request.card_last4 == "0001"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_rating_silence_skips_it_and_it_is_never_asked_again(phone, cardholders, session, language):
    call = file_report(phone, HOLDERS["zhang"], language)
    call.silence()
    assert {"zh": "请对本次服务进行评价", "en": "Please rate this call"}[language] in call.heard
    call.silence()
    assert call.ended and {"zh": "再见", "en": "Goodbye"}[language] in call.heard
    rating = session.scalar(select(CallRating))
    assert (rating.score, rating.context, rating.outcome) == (None, "self_service", "report_filed")


def test_dissatisfied_gives_one_reason(phone, cardholders, session):
    call = file_report(phone, HOLDERS["li"], "en")
    call.silence()
    call.press("3")
    assert "Please tell us why" in call.heard
    call.press("2")
    assert "Thank you for your rating" in call.heard and call.ended
    rating = session.scalar(select(CallRating))
    assert (rating.score, rating.reason) == (3, 2)


def test_no_rating_without_an_outcome(phone, app):
    call = phone.dial(language="en")
    call.press("4")  # outlets, with none loaded: back at the menu
    call.silence()
    call.silence()
    call.silence()
    assert "Please rate this call" not in call.all_heard


@pytest.mark.parametrize(
    "language, locked, offer",
    [
        ("zh", "电话验证暂停24小时", "预约回电请按1"),
        ("en", "paused for 24 hours", "To ask for a call back, press 1"),
    ],
)
def test_locked_out_then_callback(phone, cardholders, session, clock, language, locked, offer):
    fail_verification(phone, keys_for(HOLDERS["zhang"]), 2)
    fail_verification(phone, keys_for(HOLDERS["zhang"]), 2)
    session.commit()
    clock.now = EVENING  # outside staffed hours: a call back (in them: a person)
    call = phone.dial(caller="+8613800138000", language=language)
    for keys in ("1", keys_for(HOLDERS["zhang"]), "1", "000000#", "0000"):
        call.press(keys)
    assert locked in call.heard and offer in call.heard and {"zh": "再见", "en": "Goodbye"}[language] not in call.heard
    call.press("1")
    call.press("1")
    (request,) = requests(session)
    assert (request.reason, request.verified, request.phone) == ("locked_out", False, "+8613800138000")
