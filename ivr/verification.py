"""Security questions and lockouts: the rules of who counts as the cardholder on the phone."""

import hmac
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from .store import Cardholder, Lockout, VerificationAttempt

INITIAL_PASSWORD = "123456"
# Checked against when the ID number is unknown, so that a stranger's guess takes as long
# as a cardholder's and the hotline does not reveal which ID numbers are registered.
_DECOY = {}


def hash_password(password, method):
    return generate_password_hash(password, method=method)


def password_matches(cardholder, digits, method):
    """Constant-time check of the service password; unknown cardholders cost the same."""
    if cardholder is None:
        if method not in _DECOY:
            _DECOY[method] = generate_password_hash("decoy-password", method=method)
        check_password_hash(_DECOY[method], digits)
        return False
    return check_password_hash(cardholder.password_hash, digits)


def mobile_matches(cardholder, last4):
    expected = cardholder.mobile[-4:] if cardholder is not None else "----"
    return hmac.compare_digest(expected.encode(), last4.encode())


def locked_until(session, id_hash, now):
    """When phone verification for this ID number opens again, or None if it is open now."""
    return session.scalar(
        select(func.max(Lockout.locked_until)).where(
            Lockout.id_hash == id_hash, Lockout.locked_until > now
        )
    )


@dataclass(frozen=True)
class Verdict:
    """What the answers to the security questions come to."""

    outcome: str  # verified | initial_password | failed | failed_final | locked
    cardholder: Cardholder | None = None


def judge(session, call, cardholder, mobile_ok, *, now, config):
    """Record one verification and decide; five failures in a day lock the ID number."""
    passed = cardholder is not None and call.password_ok and mobile_ok
    session.add(VerificationAttempt(id_hash=call.id_hash, call_id=call.id, at=now, ok=passed))
    if passed:
        if cardholder.password_is_initial:
            return Verdict("initial_password", cardholder)
        return Verdict("verified", cardholder)
    call.verify_failures += 1
    session.flush()
    since = now - timedelta(hours=24)
    failures = session.scalar(
        select(func.count()).select_from(VerificationAttempt).where(
            VerificationAttempt.id_hash == call.id_hash,
            VerificationAttempt.ok.is_(False),
            VerificationAttempt.at > since,
        )
    )
    if failures >= config["LOCKOUT_FAILURES"]:
        until = now + timedelta(hours=config["LOCKOUT_HOURS"])
        session.add(Lockout(id_hash=call.id_hash, locked_at=now, locked_until=until, call_id=call.id))
        return Verdict("locked", cardholder)
    if call.verify_failures >= config["MAX_CALL_VERIFY_FAILURES"]:
        return Verdict("failed_final", cardholder)
    return Verdict("failed", cardholder)
