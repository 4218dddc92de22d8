"""The password check, and the upgrade of old hashes.

A PIN under the current scheme is an HMAC (microseconds): it is checked in the step itself, under
the call's lock. One under an old slow scheme (Werkzeug's scrypt, ~130 ms) is checked before the
call's row is locked (turn_taking.SlowWorkFirst), and rewritten under the current key once it is right.
"""

from dataclasses import dataclass

from ivr.identity import passwords, verification
from ivr.voice.turn_taking import SlowWorkFirst


@dataclass(frozen=True)
class PasswordAnswer:
    """The password check done before the call's row was locked, and what it was done for."""

    cardholder_id: int | None
    keyed: str
    check: passwords.Check


def check_against(session, settings, cardholder_id, keyed, *, slow_ok=False):
    """Check `keyed` against the cardholder's stored hash; an unknown ID number takes the same path.

    A hash of a slow scheme raises SlowWorkFirst unless `slow_ok` (nothing is locked, or the check
    was already done once before the lock and the call moved on meanwhile: a rare race).
    """
    stored = verification.stored_hash(session, cardholder_id)
    if not slow_ok and not passwords.is_fast(stored):
        raise SlowWorkFirst
    return verification.check_password(settings["PASSWORD_KEYRING"], stored, keyed)


def check_password_first(session, call, keyed, settings):
    """The slow check, run before the call's row is locked (voice_step's `prepare`)."""
    if len(keyed) != 6 or not keyed.isdigit():
        return None
    checked = check_against(session, settings, call.cardholder_id, keyed, slow_ok=True)
    return PasswordAnswer(call.cardholder_id, keyed, checked)


def rehash_password(session, settings, cardholder_id, keyed):
    """A right answer under an old scheme or key: store it under the current key (microseconds)."""
    verification.store_hash(session, cardholder_id, verification.hash_password(keyed, settings["PASSWORD_KEYRING"]))


def password_right(session, settings, call, keyed, prepared):
    """Whether `keyed` is the cardholder's password: the check made before the lock when it was
    for this same answer, else one made now (and an old hash rewritten when it was right)."""
    if prepared is None or (prepared.cardholder_id, prepared.keyed) != (call.cardholder_id, keyed):
        # No check yet (the usual case: an HMAC, checked here), or the call moved on between the
        # check before the lock and the lock (a retry of its own): check now.
        checked = check_against(session, settings, call.cardholder_id, keyed, slow_ok=prepared is not None)
        prepared = PasswordAnswer(call.cardholder_id, keyed, checked)
    if prepared.check.stale and call.cardholder_id:
        rehash_password(session, settings, call.cardholder_id, keyed)
    return prepared.check.ok
