"""The password step's slow part, done before the call's row is locked, and the upgrade of old hashes."""

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import bindparam, select, update

from .. import passwords, verification
from ..store import Cardholder
from .webhook import digits


@dataclass(frozen=True)
class PasswordAnswer:
    """The password check done before the call's row was locked, and what it was done for."""

    cardholder_id: int | None
    keyed: str
    check: passwords.Check


# Built once (ivr/calls.BY_SID says why).
STORED_HASH = select(Cardholder.password_hash).where(Cardholder.id == bindparam("holder_id"))


def check_against(session, cardholder_id, keyed):
    """Check `keyed` against the cardholder's stored hash; an unknown ID number takes the same path."""
    stored = session.scalar(STORED_HASH, {"holder_id": cardholder_id or 0})
    return verification.check_password(current_app.config["PASSWORD_KEYRING"], stored, keyed)


def check_password_first(session, call):
    """Read, decide, then lock: the hash check runs here, before the call's row is locked."""
    keyed = digits()
    if len(keyed) != 6 or not keyed.isdigit():
        return None
    return PasswordAnswer(call.cardholder_id, keyed, check_against(session, call.cardholder_id, keyed))


def rehash_password(session, cardholder_id, keyed):
    """A right answer under an old scheme or key: store it under the current key (microseconds)."""
    stored = verification.hash_password(keyed, current_app.config["PASSWORD_KEYRING"])
    session.execute(update(Cardholder).where(Cardholder.id == cardholder_id).values(password_hash=stored))
