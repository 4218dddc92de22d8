"""The per-ID lock and failure budget hold for calls parked at the questions and for concurrent calls.

Issue 11 #1: a call that passed the ID step before the lock could still answer after it, and
calls parked at the password step gave more guesses than the budget allows.
"""

import threading

from sqlalchemy import func, select

from ivr.store import Lockout, VerificationAttempt, db
from tests.support.calls import keys_for
from tests.support.known import HOLDERS, TOKEN

ZHANG = HOLDERS["zhang"]


def parked_at_password(app, holder=ZHANG, *, keys_for, make_phone):
    """A call that has keyed and confirmed the ID number and now waits at the password step."""
    call = make_phone(app.test_client(), TOKEN).dial(language="en")
    for keys in ("1", keys_for(holder), "1"):
        call.press(keys)
    assert "service password" in call.heard
    return call


def failures_stored(app):
    with app.app_context():
        return db.session.scalar(
            select(func.count()).select_from(VerificationAttempt).where(VerificationAttempt.ok.is_(False))
        )


def test_a_call_parked_before_the_lock_cannot_verify_after_it(race_app, make_phone):
    parked = [parked_at_password(race_app, keys_for=keys_for, make_phone=make_phone) for _ in range(6)]
    for call in parked[:5]:
        call.press("999999#").press("0000")
    assert "paused for 24 hours" in parked[4].heard
    last = parked[5].press(ZHANG["service_password"] + "#").press(ZHANG["mobile"][-4:])
    assert "paused for 24 hours" in last.heard and "operator" in last.heard  # in staffed hours: a person
    assert "To report it, press 1" not in last.heard


def test_parked_calls_get_no_more_guesses_than_the_budget(race_app, make_phone):
    parked = [parked_at_password(race_app, keys_for=keys_for, make_phone=make_phone) for _ in range(8)]
    for call in parked:
        call.press("999999#").press("0000")
    heard_locked = [call for call in parked if "paused for 24 hours" in call.heard]
    assert len(heard_locked) == 4  # the fifth failure and every call after it
    assert failures_stored(race_app) == 5


def test_concurrent_answers_share_one_budget(race_app, make_phone):
    first = parked_at_password(race_app, keys_for=keys_for, make_phone=make_phone)
    first.press("999999#").press("0000").press("999999#").press("0000")  # two: as many as one call may
    parked = [parked_at_password(race_app, keys_for=keys_for, make_phone=make_phone) for _ in range(6)]
    for call in parked:
        call.press("999999#")
    start = threading.Barrier(len(parked), timeout=30)

    def answer(call):
        start.wait(timeout=10)
        call.press("0000")

    threads = [threading.Thread(target=answer, args=(call,)) for call in parked]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert failures_stored(race_app) == 5
    with race_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Lockout)) == 1
    assert sum("paused for 24 hours" in call.heard for call in parked) == 4  # the 5th failure and the 3 after it
