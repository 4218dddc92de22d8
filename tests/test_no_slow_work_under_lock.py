"""The password hash is checked before the call's row is locked, never under SQLite's write lock."""

import sqlite3

from sqlalchemy import text

from ivr import verification
from ivr.store import db

from .known import HOLDERS, TOKEN


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


def test_the_password_is_checked_while_nothing_is_locked(race_app, monkeypatch, make_phone, report_call):  # noqa: F811
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
