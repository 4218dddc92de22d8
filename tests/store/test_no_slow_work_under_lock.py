"""Nothing slow under a lock: a slow old password hash is checked before the call's row is locked, and on
SQLite an ordinary step is decided before the one write lock is taken, which it then holds only to
write the call."""

import sqlite3
import threading

import pytest
from flask import request
from sqlalchemy import func, select, text, update
from werkzeug.security import generate_password_hash

from ivr.identity import idnumbers, verification
from ivr.store import Call, CallEvent, Cardholder, db
from tests.support.calls import keys_for, report_call
from tests.support.known import HOLDERS, TOKEN


def others_can_write(app, sid):
    """Could another connection take the lock the webhook would hold, at this very moment?"""
    url = app.config["DATABASE_URL"]
    if url.startswith("sqlite"):
        other = sqlite3.connect(url[len("sqlite:///") :], timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            return True
        except sqlite3.OperationalError:
            return False
        finally:
            other.close()
    with db.engine.connect() as connection:
        connection.execute(text("SET LOCAL lock_timeout = '50ms'"))
        try:
            connection.execute(text("SELECT id FROM calls WHERE call_sid = :sid FOR UPDATE"), {"sid": sid})
            return True
        except Exception:
            return False
        finally:
            connection.rollback()


def test_a_password_under_a_slow_old_scheme_is_checked_while_nothing_is_locked(race_app, monkeypatch, make_phone):
    # Werkzeug's scrypt takes ~130 ms: under the call's lock (SQLite's: every call's) it held callers
    # up. A current hash is an HMAC of microseconds, checked in the step itself.
    with race_app.app_context(), db.new_session() as session:
        old = generate_password_hash(HOLDERS["zhang"]["service_password"], method="scrypt:16384:8:1")
        session.execute(update(Cardholder).where(Cardholder.name == "张伟").values(password_hash=old))
    seen = []
    real = verification.check_password

    def watched(keyring, stored, digits):
        with race_app.app_context():
            seen.append(others_can_write(race_app, watched.sid))
        return real(keyring, stored, digits)

    watched.sid = None
    monkeypatch.setattr(verification, "check_password", watched)
    phone = make_phone(race_app.test_client(), TOKEN)
    original_dial = phone.dial

    def dial(*args, **kwargs):
        call = original_dial(*args, **kwargs)
        watched.sid = call.sid
        return call

    phone.dial = dial
    call = report_call(phone, HOLDERS["zhang"])
    assert "确认挂失请按1" in call.heard
    assert seen == [True]
    with race_app.app_context():
        assert db.session.scalar(select(Cardholder.password_hash).where(Cardholder.name == "张伟")).startswith(
            "hmac-sha256$"
        )


def key_the_id_number_while(phone, keys_for, watch):
    """An English call keys Zhang's ID number; `watch()` runs inside the step, as the number is checked."""
    call = phone.dial(language="en")
    call.press("1")
    real = idnumbers.check

    def watched(keyed, today):
        watch()
        return real(keyed, today)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(idnumbers, "check", watched)
        call.press(keys_for(HOLDERS["zhang"]))
    assert "Your ID number ends 0, 0, 2, X." in call.heard
    return call


def test_on_sqlite_an_ordinary_step_is_decided_while_other_calls_can_write(app, phone, cardholders):
    seen = []

    def look():
        with app.app_context():
            seen.append(others_can_write(app, None))

    key_the_id_number_while(phone, keys_for, look)
    assert seen == [True]


def test_a_retry_that_overtakes_the_first_delivery_gets_its_reply_and_the_call_moves_on_once(app, phone, cardholders):
    """Twilio gave up waiting on a slow first delivery and sent the same request again, which was
    answered first: the first delivery must neither apologise nor count the keys twice."""
    retried = []

    def deliver_again():
        if retried:
            return  # the retry itself
        retried.append(None)
        path, form, headers = request.full_path, request.form.to_dict(), dict(request.headers)

        def post():
            retried[0] = app.test_client().post(path, data=form, headers=headers).data

        again = threading.Thread(target=post)
        again.start()
        again.join(timeout=30)

    call = key_the_id_number_while(phone, keys_for, deliver_again)
    assert retried == [call.last_xml]
    with app.app_context():
        call_id = db.session.scalar(select(Call.id).where(Call.call_sid == call.sid))
        accepted = db.session.scalar(
            select(func.count()).where(
                CallEvent.call_id == call_id, CallEvent.kind == "input_accepted", CallEvent.detail == "id_number"
            )
        )
    assert accepted == 1
