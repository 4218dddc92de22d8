"""Security questions and lockouts: the rules of who counts as the cardholder on the phone."""

import hmac
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select, text

from . import passwords
from .store import Cardholder, Lockout, VerificationAttempt

INITIAL_PASSWORD = "123456"


def hash_password(password, keyring):
    return passwords.hash_pin(keyring, password)


def check_password(keyring, stored, digits):
    """A constant-time check of the service password; an unknown ID number (no `stored`) costs the same."""
    if stored is None:
        return passwords.decoy_check(keyring, digits)
    return passwords.check_pin(keyring, stored, digits)


def mobile_matches(cardholder, last4):
    expected = cardholder.mobile[-4:] if cardholder is not None else "----"
    return hmac.compare_digest(expected.encode(), last4.encode())


def locked_until(session, id_hash, now):
    """When phone verification for this ID number opens again, or None if it is open now."""
    return session.scalar(
        select(func.max(Lockout.locked_until)).where(Lockout.id_hash == id_hash, Lockout.locked_until > now)
    )


def guard_id(session, id_hash):
    """Hold the ID number's lock until this transaction ends, so calls about it are judged in turn.

    PostgreSQL: a transaction-scoped advisory lock keyed by the hash (unknown ID numbers have no
    row to lock). SQLite: the transaction began with BEGIN IMMEDIATE and already holds the only
    write lock there is.
    """
    if session.get_bind().dialect.name == "postgresql":
        key = int(id_hash[:15], 16)  # 60 bits: fits PostgreSQL's signed bigint
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def failures_since(session, id_hash, since):
    return session.scalar(
        select(func.count())
        .select_from(VerificationAttempt)
        .where(
            VerificationAttempt.id_hash == id_hash,
            VerificationAttempt.ok.is_(False),
            VerificationAttempt.at > since,
        )
    )


@dataclass(frozen=True)
class Verdict:
    """What the answers to the security questions come to."""

    outcome: str  # verified | initial_password | failed | failed_final | locked
    cardholder: Cardholder | None = None
    locked_now: bool = False  # this answer used up the budget (an alert goes to the cardholder)


def judge(session, call, cardholder, mobile_ok, *, now, config):
    """Decide one set of answers under the ID number's lock: a locked ID or a spent budget judges nothing.

    The lock and the day's failures are read at this moment, not when the ID number was keyed,
    so calls parked at the questions share one budget of LOCKOUT_FAILURES.
    """
    guard_id(session, call.id_hash)
    if locked_until(session, call.id_hash, now):
        return Verdict("locked", cardholder)
    budget = config["LOCKOUT_FAILURES"]
    failures = failures_since(session, call.id_hash, now - timedelta(hours=24))
    if failures >= budget:  # spent before a lock was stored (e.g. LOCKOUT_FAILURES lowered)
        return lock(session, call, cardholder, now=now, config=config)
    passed = cardholder is not None and call.password_ok and mobile_ok
    session.add(VerificationAttempt(id_hash=call.id_hash, call_id=call.id, at=now, ok=passed))
    if passed:
        if cardholder.password_is_initial:
            return Verdict("initial_password", cardholder)
        return Verdict("verified", cardholder)
    call.verify_failures += 1
    if failures + 1 >= budget:
        return lock(session, call, cardholder, now=now, config=config)
    if call.verify_failures >= config["MAX_CALL_VERIFY_FAILURES"]:
        return Verdict("failed_final", cardholder)
    return Verdict("failed", cardholder)


def lock(session, call, cardholder, *, now, config):
    until = now + timedelta(hours=config["LOCKOUT_HOURS"])
    session.add(Lockout(id_hash=call.id_hash, locked_at=now, locked_until=until, call_id=call.id))
    return Verdict("locked", cardholder, locked_now=True)
