"""Security questions and lockouts: the rules of who counts as the cardholder on the phone."""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import bindparam, func, insert, select, text

from ivr.identity import passwords
from ivr.store import Cardholder, Lockout, VerificationAttempt

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


def heard_hash(key, digits):
    """The keyed hash a call keeps of digits the caller said, until they confirm them."""
    return hmac.new(key.encode(), b"heard:" + digits.encode(), hashlib.sha256).hexdigest()


def mobile_matches_heard(cardholder, key, heard):
    """mobile_matches for last four the caller said and confirmed, known only by heard_hash."""
    expected = heard_hash(key, cardholder.mobile[-4:] if cardholder is not None else "----")
    return hmac.compare_digest(expected.encode(), (heard or "").encode())


def locked_until(session, id_hash, now):
    """When phone verification for this ID number opens again, or None if it is open now."""
    return session.connection().execute(LOCKED_UNTIL, {"id_hash": id_hash, "now": now}).scalar()


def guard_id(session, id_hash):
    """Hold the ID number's lock until this transaction ends, so calls about it are judged in turn.

    PostgreSQL: a transaction-scoped advisory lock keyed by the hash (unknown ID numbers have no
    row to lock). SQLite: the transaction began with BEGIN IMMEDIATE and already holds the only
    write lock there is.
    """
    if session.get_bind().dialect.name == "postgresql":
        key = int(id_hash[:15], 16)  # 60 bits: fits PostgreSQL's signed bigint
        session.connection().execute(ADVISORY_LOCK, {"key": key})


def _locked_until():
    return select(func.max(Lockout.locked_until)).where(
        Lockout.id_hash == bindparam("id_hash", type_=Lockout.id_hash.type),
        Lockout.locked_until > bindparam("now", type_=Lockout.locked_until.type),
    )


def _standing():
    locked = _locked_until()
    failures = (
        select(func.count())
        .select_from(VerificationAttempt)
        .where(
            VerificationAttempt.id_hash == bindparam("id_hash", type_=Lockout.id_hash.type),
            VerificationAttempt.ok.is_(False),
            VerificationAttempt.at > bindparam("since", type_=VerificationAttempt.at.type),
        )
    )
    return select(locked.scalar_subquery(), failures.scalar_subquery())


# Built once, like ivr/calls.BY_SID: executed again, a statement skips SQLAlchemy's cache-key walk.
STANDING = _standing()
LOCKED_UNTIL = _locked_until()
ADVISORY_LOCK = text("SELECT pg_advisory_xact_lock(:key)")
NEW_ATTEMPT = insert(VerificationAttempt.__table__)


def standing(session, id_hash, now, since):
    """(locked until or None, failed answers since `since`) for an ID number, in one round trip."""
    return session.connection().execute(STANDING, {"id_hash": id_hash, "now": now, "since": since}).one()


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
    locked, failures = standing(session, call.id_hash, now, now - timedelta(hours=24))
    if locked:
        return Verdict("locked", cardholder)
    budget = config["LOCKOUT_FAILURES"]
    if failures >= budget:  # spent before a lock was stored (e.g. LOCKOUT_FAILURES lowered)
        return lock(session, call, cardholder, now=now, config=config)
    passed = cardholder is not None and call.password_ok and mobile_ok
    # Core, not session.add: nothing reads the row back, and the ORM's flush cost more CPU.
    attempt = {"id_hash": call.id_hash, "call_id": call.id, "at": now, "ok": passed}
    session.connection().execute(NEW_ATTEMPT, attempt)
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
