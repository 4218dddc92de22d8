"""Limits on the SMS a caller can make the hotline send: against SMS pumping.

A caller controls the number they key (a callback acknowledgement) and the caller ID they send
(outlet information goes to the calling mobile), and both are forgeable. So every such SMS is
counted per destination, per caller ID and over all callers, per hour and per day, in the
`caller_sms` table every web process shares; numbers are kept there as keyed digests only.
When a limit trips the SMS is not queued, a counter goes up (hotline_caller_sms_refused) and
supervisors find one audit entry per limit and hour ("SMS limit reached").
Security notices to a cardholder's registered mobile (a lockout alert) are not counted here:
their destination is not the caller's to choose, and holding them back would help an attacker.
"""

import hashlib
import hmac
from datetime import timedelta

from sqlalchemy import func, select, text

from ivr.identity import phones
from ivr.platform.metrics import CALLER_SMS_REFUSED
from ivr.store import AuditEntry, CallerSms
from ivr.store.audit import record

WINDOWS = {"hour": timedelta(hours=1), "day": timedelta(days=1)}
SCOPES = ("destination", "caller", "overall")
ALERT = "sms_limit"
LOCK_KEY = 0x5D5_1A17  # PostgreSQL advisory lock: one count-then-add at a time over all processes


def setting(scope, window):
    """The setting that holds a limit: CALLER_SMS_DESTINATION_HOUR, ... CALLER_SMS_OVERALL_DAY."""
    return f"CALLER_SMS_{scope.upper()}_{window.upper()}"


def digest(number, config):
    """A keyed digest of a number in E.164 when it parses (every spelling is one number)."""
    try:
        number = phones.to_e164((number or "").removeprefix("tel:"), config.get("DEFAULT_REGION", "CN"))
    except phones.BadPhoneNumber:
        number = (number or "").strip()[:32]
    return hmac.new(config["ID_HASH_KEY"].encode(), number.encode(), hashlib.sha256).hexdigest()


def used(session, scope, key, since):
    statement = select(func.count(CallerSms.id)).where(CallerSms.at >= since)
    if scope != "overall":
        statement = statement.where(getattr(CallerSms, scope) == key)
    return session.scalar(statement)


def serialise(session):
    """On PostgreSQL two web processes must not both count 2 of 3 and both send: one at a time
    (until commit). SQLite's single writer already does this."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})


def tripped(session, keys, config, now):
    """The first (scope, window) whose limit this SMS would pass, or None."""
    for window, length in WINDOWS.items():
        for scope in SCOPES:
            if used(session, scope, keys.get(scope), now - length) >= config[setting(scope, window)]:
                return scope, window
    return None


def allow(session, *, kind, to, caller, config, now):
    """Count this SMS against the limits and return True, or (a limit is reached) alert and return False."""
    keys = {"destination": digest(to, config), "caller": digest(caller, config)}
    serialise(session)
    found = tripped(session, keys, config, now)
    if found is None:
        session.add(CallerSms(at=now, kind=kind[:40], destination=keys["destination"], caller=keys["caller"]))
        return True
    alert(session, kind, *found, config=config, now=now)
    return False


def alert(session, kind, scope, window, *, config, now):
    """Count the refusal, and tell supervisors once per limit and hour (the audit log, console)."""
    CALLER_SMS_REFUSED.labels(kind, scope, window).inc()
    detail = f"{scope} per {window}: {config[setting(scope, window)]}"
    recent = session.scalar(
        select(func.count(AuditEntry.id)).where(
            AuditEntry.action == ALERT, AuditEntry.detail == detail, AuditEntry.at >= now - WINDOWS["hour"]
        )
    )
    if not recent:
        record(session, "hotline", ALERT, now=now, channel="phone", target=kind, detail=detail)
