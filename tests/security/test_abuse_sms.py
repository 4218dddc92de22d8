"""Abuse: toll fraud and SMS pumping through callbacks and outlet SMS, and what merging tells a stranger.

The attacker controls caller ID and the keypad. Limits are shared state, so the pumping tests run
on SQLite and on PostgreSQL (skipped, saying why, without TEST_DATABASE_URL).
"""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from ivr.messaging import limits
from ivr.store import AuditEntry, CallbackRequest, CallerSms, OutgoingMessage, SmsOptOut, db
from tests.support.calls import load_outlets
from tests.support.sms import queue_sms, stored_messages, tick

LANDLINE = "+861065551234"
# 20:00 on Wednesday 25 November 2026 in Beijing: the line is closed, callbacks are offered.
EVENING = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def ask_callback(phone, caller, keyed, language="en"):
    """A closed-line call asking to be called back on `keyed` (or on the calling mobile if None)."""
    call = phone.dial(caller=caller, language=language)
    call.press("0")
    call.press("2")
    if keyed is None:
        call.press("1")
    else:
        if "press 1" in call.heard and "ending" in call.heard:
            call.press("2")  # not the calling mobile: another number
        call.press(keyed + "#")
        if "You entered" in call.heard:
            call.press("1")
    return call


def count(session, model, *where):
    session.expire_all()
    found = session.scalar(select(func.count()).select_from(model).where(*where))
    session.commit()  # end the read: on SQLite it holds the write lock
    return found


def acks(session):
    return count(session, OutgoingMessage, OutgoingMessage.kind == "callback_ack")


@pytest.mark.parametrize(
    "keyed, refusal",
    [
        ("00449012345678", "only call back mobiles and landlines in mainland China"),  # UK 09 premium
        ("0019002345678", "only call back mobiles and landlines in mainland China"),  # US 900
        ("00979123456789", "only call back mobiles and landlines in mainland China"),  # +979 premium
        ("00881612345678", "only call back mobiles and landlines in mainland China"),  # satellite
        ("0085291234567", "only call back mobiles and landlines in mainland China"),  # Hong Kong mobile
        ("001201555012", "not a valid phone number"),
        ("16812345", "cannot call back premium-rate"),  # China 168 premium
        ("4001234567", "cannot call back premium-rate, 400"),  # shared cost
        ("8001234567", "cannot call back premium-rate, 400, 800"),  # toll free
    ],
)
def test_a_number_the_operators_may_not_call_is_refused_saying_why(phone, app, clock, session, keyed, refusal):
    clock.now = EVENING
    call = ask_callback(phone, LANDLINE, keyed)
    assert refusal in call.heard and "key the number to call you back on" in call.heard
    assert count(session, CallbackRequest, CallbackRequest.status == "open") == 0 and acks(session) == 0


def test_refusals_are_said_in_mandarin_too(phone, app, clock):
    clock.now = EVENING
    call = ask_callback(phone, LANDLINE, "4001234567", language="zh")
    assert "我们不能回电到声讯、400、800" in call.heard


def test_an_extra_region_is_allowed_by_setting(phone, app, clock, session):
    app.config["CALLBACK_EXTRA_REGIONS"] = "HK"
    clock.now = EVENING
    call = ask_callback(phone, LANDLINE, "0085291234567")
    assert "Your call-back request is registered" in call.heard
    assert session.scalar(select(CallbackRequest.phone).where(CallbackRequest.status == "open")) == "+85291234567"


@pytest.mark.parametrize("keyed", ["13912345678", "01065559876", "02161234567"])
def test_mainland_mobiles_and_landlines_are_still_called_back(phone, app, clock, session, keyed):
    clock.now = EVENING
    assert "Your call-back request is registered" in ask_callback(phone, LANDLINE, keyed).heard


def test_a_foreign_mobile_caller_id_is_not_offered_as_the_callback_number(phone, app, clock, session):
    clock.now = EVENING
    call = phone.dial(caller="+447911123456", language="en")
    call.press("0")
    call.press("2")
    assert "ending" not in call.heard and "key the number to call you back on" in call.heard


def test_a_cardholder_still_gets_the_acknowledgement(phone, app, clock, session):
    clock.now = EVENING
    call = ask_callback(phone, "+8613800138000", None)
    assert "A text message confirming it is on its way" in call.heard
    tick(app)
    (ack,) = stored_messages(app, kind="callback_ack")
    assert ack.state == "sent" and ack.to_number == "+8613800138000"


@pytest.mark.parametrize("kind", ["callback_ack", "outlet_info", "card_ready"])
def test_stop_is_honoured_for_what_is_no_security_notice(app, clock, kind):
    with app.app_context(), db.new_session() as session:
        session.add(SmsOptOut(number="+8613800138000", keyword="STOP"))
        session.commit()
    clock.now = EVENING
    queue_sms(app, kind=kind, subject="x:1", due_at=EVENING)
    tick(app)
    (message,) = stored_messages(app, kind=kind)
    assert message.state == "cancelled"


@pytest.mark.parametrize("kind", ["callback_ack", "outlet_info"])
def test_caller_sms_wait_for_quiet_hours(app, clock, kind):
    clock.now = EVENING + timedelta(hours=2)  # 22:00 in Beijing
    queue_sms(app, kind=kind, subject="x:1", due_at=clock.now)
    tick(app)
    (message,) = stored_messages(app, kind=kind)
    assert message.state == "pending" and message.sent_at is None


def test_the_merge_says_nothing_of_another_callers_request(phone, app, clock, session):
    clock.now = EVENING
    ask_callback(phone, "+8613800138000", None)
    stranger = ask_callback(phone, LANDLINE, "13800138000")
    assert "already" not in stranger.heard and "Your call-back request is registered" in stranger.heard
    assert "text message" not in stranger.heard  # no second SMS, and no word of one
    assert acks(session) == 1


# --- SMS pumping, on both databases ----------------------------------------------------------


@pytest.fixture
def hotline(empty_app, clock, make_phone):
    """The app on SQLite then PostgreSQL, with outlets, and a phone into it."""
    load_outlets(empty_app)
    clock.now = EVENING
    return empty_app, make_phone(empty_app.test_client())


def stored(app, *where):
    with app.app_context(), db.new_session() as session:
        return session.scalar(select(func.count()).select_from(OutgoingMessage).where(*where))


def alerts(app):
    with app.app_context(), db.new_session() as session:
        return session.scalars(select(AuditEntry.detail).where(AuditEntry.action == "sms_limit")).all()


def test_one_caller_id_keying_25_new_numbers_gets_the_caller_limit(hotline):
    app, phone = hotline
    for n in range(25):
        ask_callback(phone, LANDLINE, f"139{n:08d}")
    assert stored(app, OutgoingMessage.kind == "callback_ack") == app.config["CALLER_SMS_CALLER_HOUR"] == 6
    assert alerts(app) == ["caller per hour: 6"]  # one alert, not one per refusal


def test_many_caller_ids_keying_one_number_send_it_one_acknowledgement(hotline):
    app, phone = hotline
    for n in range(10):
        call = ask_callback(phone, f"+86105555{n:04d}", "13912345678")
        assert "Your call-back request is registered" in call.heard
    # The request merges per number and day, so only the first is acknowledged anyway.
    assert stored(app, OutgoingMessage.kind == "callback_ack") == 1


def outlet_sms(phone, caller):
    call = phone.dial(caller=caller, language="en")
    call.press("4")
    for area in ("110105#", "110101#", "440304#"):
        call.press(area)
        call.press("1")
        call.press("2")
    return call


def test_eight_calls_from_one_mobile_get_the_destination_limit_of_outlet_sms(hotline):
    app, phone = hotline
    for _ in range(8):
        call = outlet_sms(phone, "+8613911112222")
    assert "cannot send more text messages to this number now" in call.all_heard
    assert stored(app, OutgoingMessage.kind == "outlet_info") == app.config["CALLER_SMS_DESTINATION_HOUR"] == 4


def test_a_day_limit_holds_when_the_hours_pass(hotline, clock):
    app, phone = hotline
    for hour in range(4):
        clock.now = EVENING + timedelta(hours=hour)
        for _ in range(2):
            outlet_sms(phone, "+8613911112222")
    assert stored(app, OutgoingMessage.kind == "outlet_info") == app.config["CALLER_SMS_DESTINATION_DAY"] == 8
    clock.now = EVENING + timedelta(days=1, minutes=1)
    outlet_sms(phone, "+8613911112222")
    assert stored(app, OutgoingMessage.kind == "outlet_info") == 8 + 3


def test_the_overall_limit_holds_over_different_callers_and_numbers(hotline):
    app, phone = hotline
    app.config["CALLER_SMS_OVERALL_HOUR"] = 5
    for n in range(9):
        ask_callback(phone, f"+86105555{n:04d}", f"139{n:08d}")
    assert stored(app, OutgoingMessage.kind == "callback_ack") == 5
    assert alerts(app) == ["overall per hour: 5"]


def test_no_sms_to_a_foreign_caller_id(hotline):
    app, phone = hotline
    call = outlet_sms(phone, "+447911123456")
    assert "not a mobile number" in call.all_heard and stored(app) == 0


def test_concurrent_senders_never_pass_a_limit(empty_app, clock):
    """Eight connections at once (as eight web processes would), a limit of 3: exactly 3 pass."""
    empty_app.config["CALLER_SMS_DESTINATION_HOUR"] = 3
    passed, barrier = [], threading.Barrier(8)

    def send(n):
        with empty_app.app_context(), db.new_session() as session:
            barrier.wait(timeout=30)
            ok = limits.allow(
                session,
                kind="callback_ack",
                to="+8613912345678",
                caller=f"+8610555500{n:02d}",
                config=empty_app.config,
                now=EVENING,
            )
            session.commit()
            passed.append(ok)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(passed) == [False] * 5 + [True] * 3
    with empty_app.app_context(), db.new_session() as session:
        assert session.scalar(select(func.count(CallerSms.id))) == 3
        digests = session.scalars(select(CallerSms.destination)).all()
    assert "13912345678" not in "".join(digests)  # numbers are kept as keyed digests only
