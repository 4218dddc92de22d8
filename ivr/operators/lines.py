"""Who is on the operator line: caller ID narrows which line may try, a PIN proves the operator.

Caller ID is forgeable on the telephone network, so a call from a registered desk phone hears
nothing about any caller until it keys that line's PIN. PINs are hashed like console passwords
(werkzeug, PASSWORD_HASH_METHOD); a wrong PIN is audited, and failures are counted from the audit
log per line and over all lines, so the throttle holds across calls and web processes.
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from ivr.identity import decoys, phones
from ivr.store import AuditEntry, OperatorLine
from ivr.store.audit import record

PIN_DIGITS = (6, 12)  # shortest and longest PIN
PROOF_LASTS = timedelta(hours=12)  # a shift: the proven call is served this long
FAILED = "operator_pin_failed"
# STIR/SHAKEN: the carrier says the calling number was not the caller's to use.
FORGED_VERSTAT = "TN-Validation-Failed"


class BadPin(ValueError):
    """Not a PIN the operator line accepts (digits only, PIN_DIGITS long)."""


@dataclass(frozen=True)
class Limits:
    """The throttle: failures per line and over all lines allowed within `window`."""

    per_line: int
    overall: int
    window: timedelta

    @classmethod
    def from_config(cls, config):
        return cls(
            config["OPERATOR_PIN_MAX_FAILURES"],
            config["OPERATOR_PIN_MAX_FAILURES_ALL"],
            timedelta(minutes=config["OPERATOR_PIN_WINDOW_MINUTES"]),
        )


def check_pin_rule(pin):
    shortest, longest = PIN_DIGITS
    if not (pin.isdigit() and shortest <= len(pin) <= longest):
        raise BadPin(f"a PIN is {shortest} to {longest} digits")


def set_pin(line, pin, *, method):
    """Give the line a new PIN; a call proven with the old one is served no longer."""
    check_pin_rule(pin)
    line.pin_hash = generate_password_hash(pin, method=method)
    line.proven_call_sid = line.proven_at = None


class LineTaken(ValueError):
    """The phone is another operator's line already."""


def give_line(session, operator, line):
    """Make `line` the operator's only line (the phone and PIN set by `set_pin`)."""
    drop_lines(session, operator)
    session.flush()
    if session.scalar(select(OperatorLine).where(OperatorLine.phone == line.phone)) is not None:
        raise LineTaken("that phone is another operator's line")
    line.operator_id = operator.id
    session.add(line)


def drop_lines(session, operator):
    """The operator has no line any more."""
    for old in session.scalars(select(OperatorLine).where(OperatorLine.operator_id == operator.id)):
        session.delete(old)


def line_calling(session, from_number, verstat, region):
    """The registered line this caller ID names, in any spelling; None when there is none or the
    carrier says the number was forged."""
    if (verstat or "").strip() == FORGED_VERSTAT:
        return None
    try:
        e164 = phones.to_e164((from_number or "").removeprefix("tel:"), region)
    except phones.BadPhoneNumber:
        return None
    return session.scalar(select(OperatorLine).where(OperatorLine.phone == e164))


def is_proven(line, agent_sid, *, now):
    """True when this very call keyed the line's PIN, within a shift."""
    return bool(
        agent_sid
        and line.proven_call_sid == agent_sid
        and line.proven_at is not None
        and now - line.proven_at < PROOF_LASTS
    )


def target(line):
    return f"operator line {line.id}"


def failures(session, *, since, line=None):
    statement = select(func.count(AuditEntry.id)).where(AuditEntry.action == FAILED, AuditEntry.at >= since)
    if line is not None:
        statement = statement.where(AuditEntry.target == target(line))
    return session.scalar(statement)


def throttled(session, line, limits, *, now):
    """Too many wrong PINs lately, on this line or over all lines: no PIN is checked now."""
    since = now - limits.window
    return (
        failures(session, since=since, line=line) >= limits.per_line or failures(session, since=since) >= limits.overall
    )


def prove(session, line, agent_sid, pin, limits, *, now, method):
    """Check the keyed PIN: "proven", "wrong" or "throttled". Every answer but "proven" leaves the
    line unproven; every check is audited."""
    if throttled(session, line, limits, now=now):
        record(session, "operator line", "operator_pin_throttled", now=now, channel="phone", target=target(line))
        return "throttled"
    good = len(pin) <= PIN_DIGITS[1] and decoys.check(line.pin_hash, pin, method=method)
    if not good:
        record(session, "operator line", FAILED, now=now, channel="phone", target=target(line))
        return "wrong"
    line.proven_call_sid, line.proven_at = agent_sid[:64], now
    record(session, "operator line", "operator_pin_proven", now=now, channel="phone", target=target(line))
    return "proven"
