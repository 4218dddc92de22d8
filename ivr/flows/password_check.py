"""The password check, and the upgrade of old hashes.

A PIN under the current scheme is an HMAC (microseconds): it is checked in the step itself, under
the call's lock. One under an old slow scheme (Werkzeug's scrypt, ~130 ms) is checked before the
call's row is locked (webhook.SlowWorkFirst), and rewritten under the current key once it is right.
"""

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import bindparam, select, update

from ivr.identity import passwords, verification
from ivr.store import Cardholder
from ivr.voice.webhook import SlowWorkFirst, digits


@dataclass(frozen=True)
class PasswordAnswer:
    """The password check done before the call's row was locked, and what it was done for."""

    cardholder_id: int | None
    keyed: str
    check: passwords.Check


# Built once (ivr/calls.BY_SID says why).
STORED_HASH = select(Cardholder.password_hash).where(Cardholder.id == bindparam("holder_id"))


def check_against(session, cardholder_id, keyed, *, slow_ok=False):
    """Check `keyed` against the cardholder's stored hash; an unknown ID number takes the same path.

    A hash of a slow scheme raises SlowWorkFirst unless `slow_ok` (nothing is locked, or the check
    was already done once before the lock and the call moved on meanwhile: a rare race).
    """
    stored = session.scalar(STORED_HASH, {"holder_id": cardholder_id or 0})
    if not slow_ok and not passwords.is_fast(stored):
        raise SlowWorkFirst
    return verification.check_password(current_app.config["PASSWORD_KEYRING"], stored, keyed)


def check_password_first(session, call):
    """The slow check, run before the call's row is locked (voice_step's `prepare`)."""
    keyed = digits()
    if len(keyed) != 6 or not keyed.isdigit():
        return None
    return PasswordAnswer(call.cardholder_id, keyed, check_against(session, call.cardholder_id, keyed, slow_ok=True))


def rehash_password(session, cardholder_id, keyed):
    """A right answer under an old scheme or key: store it under the current key (microseconds)."""
    stored = verification.hash_password(keyed, current_app.config["PASSWORD_KEYRING"])
    session.execute(update(Cardholder).where(Cardholder.id == cardholder_id).values(password_hash=stored))
