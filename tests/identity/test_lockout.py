"""Five failed verifications for one ID number in a day lock phone verification for a day."""

from datetime import timedelta

from sqlalchemy import select

from ivr.store import Lockout, OutgoingMessage
from tests.support.calls import fail_verification, keys_for
from tests.support.known import HOLDERS, STRANGER_ID


def test_fifth_failure_locks_and_alerts_the_registered_mobile(phone, cardholders, session):
    fail_verification(phone, keys_for(HOLDERS["zhang"]), 3)
    locked = fail_verification(phone, keys_for(HOLDERS["zhang"]), 2)
    # In staffed hours on to a person (none can be reached here: no OPERATOR_NUMBER)
    assert "paused for 24 hours" in locked.heard and "operator" in locked.heard and not locked.ended
    alert = session.scalar(select(OutgoingMessage).where(OutgoingMessage.kind == "lockout_alert"))
    assert alert.to_number == "+8613800138000" and "24" in alert.body


def test_a_locked_id_is_refused_even_with_the_right_answers(phone, cardholders, clock):
    fail_verification(phone, keys_for(HOLDERS["zhang"]), 3)
    fail_verification(phone, keys_for(HOLDERS["zhang"]), 2)
    clock.advance(timedelta(hours=23))
    call = phone.dial(language="en")
    for keys in ("1", keys_for(HOLDERS["zhang"]), "1"):
        call.press(keys)
    assert "paused for 24 hours" in call.heard and "operator" in call.heard


def test_the_lock_opens_after_24_hours(phone, cardholders, clock):
    fail_verification(phone, keys_for(HOLDERS["zhang"]), 3)
    fail_verification(phone, keys_for(HOLDERS["zhang"]), 2)
    clock.advance(timedelta(hours=24, minutes=1))
    call = phone.dial(language="en")
    for keys in ("1", keys_for(HOLDERS["zhang"]), "1", "246810#", "8000"):
        call.press(keys)
    assert "To report it, press 1" in call.heard


def test_failures_older_than_a_day_do_not_count(phone, cardholders, clock, session):
    fail_verification(phone, keys_for(HOLDERS["zhang"]), 3)
    clock.advance(timedelta(hours=25))
    fail_verification(phone, keys_for(HOLDERS["zhang"]), 2)
    assert session.scalar(select(Lockout)) is None


def test_unknown_id_locks_the_same_way_without_any_sms(phone, cardholders, session):
    keys = STRANGER_ID + "#"
    fail_verification(phone, keys, 3)
    locked = fail_verification(phone, keys, 2)
    assert "paused for 24 hours" in locked.heard
    assert session.scalar(select(Lockout)) is not None
    assert session.scalar(select(OutgoingMessage)) is None


def test_other_ids_are_not_locked(phone, cardholders):
    fail_verification(phone, keys_for(HOLDERS["zhang"]), 3)
    fail_verification(phone, keys_for(HOLDERS["zhang"]), 2)
    call = phone.dial(language="en")
    for keys in ("1", keys_for(HOLDERS["li"]), "1", "135790#", "5678"):
        call.press(keys)
    assert "To report it, press 1" in call.heard
