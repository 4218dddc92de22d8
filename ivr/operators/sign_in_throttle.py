"""The sign-in throttle: slows a guesser down without letting anyone lock a real operator out.

Failures are counted in the database (every web process on every host sees the same counts):
- per (name, address): a few free tries, then a growing wait between tries (2 s, 4 s, 8 s, ...);
- per name, from everywhere: past a ceiling, only addresses this operator has signed in from
  before may keep trying (at their own pace); strangers wait out the window;
- per address, across names (one office NAT, or a password sprayer): past a ceiling, that address
  may only try names that have signed in from it before.
Reaching either ceiling writes one `sign_in_alert` to the audit log; supervisors see it as a banner.
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, distinct, func, select, text

from ivr.store import AuditEntry, SignInAttempt
from ivr.store import audit as audit_log

KEEP_ATTEMPTS_DAYS = 30  # also how long an address stays "known" for an operator
ALERT = "sign_in_alert"


@dataclass
class Verdict:
    wait_seconds: int = 0  # > 0: refused for now, try again after this long


def failures(session, since, *conditions):
    return session.scalar(
        select(func.count())
        .select_from(SignInAttempt)
        .where(SignInAttempt.ok.is_(False), SignInAttempt.at >= since, *conditions)
    )


def known_pair(session, name, address, now):
    """Has this name signed in from this address lately (the operator's own desk)?"""
    return (
        session.scalar(
            select(SignInAttempt.id)
            .where(
                SignInAttempt.name == name,
                SignInAttempt.address == address,
                SignInAttempt.ok.is_(True),
                SignInAttempt.at >= now - timedelta(days=KEEP_ATTEMPTS_DAYS),
            )
            .limit(1)
        )
        is not None
    )


def pair_delay(count, config):
    """Seconds to wait after the `count`-th failure of one name from one address."""
    over = count - config["CONSOLE_SIGNIN_FREE_FAILURES"]
    if over < 0:
        return 0
    return min(
        config["CONSOLE_SIGNIN_BASE_DELAY_SECONDS"] * 2 ** min(over, 20), config["CONSOLE_SIGNIN_WINDOW_MINUTES"] * 60
    )


def verdict(session, name, address, *, now, config):
    """May this name be tried from this address now? Call before hashing anything; begin() follows
    in the same transaction, so two tries of one name are judged one after the other (SQLite's
    BEGIN IMMEDIATE does that by itself; PostgreSQL takes a lock on the name until commit)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"sign-in:{name}"})
    window = timedelta(minutes=config["CONSOLE_SIGNIN_WINDOW_MINUTES"])
    since = now - window
    pair = (SignInAttempt.name == name, SignInAttempt.address == address)
    count = failures(session, since, *pair)
    if count:
        last = session.scalar(select(func.max(SignInAttempt.at)).where(*pair, SignInAttempt.ok.is_(False)))
        ready_at = last + timedelta(seconds=pair_delay(count, config))
        if ready_at > now:
            return Verdict(wait_seconds=max(1, int((ready_at - now).total_seconds() + 0.999)))
    name_full = failures(session, since, SignInAttempt.name == name) >= config["CONSOLE_SIGNIN_MAX_FAILURES"]
    address_full = (
        failures(session, since, SignInAttempt.address == address) >= config["CONSOLE_SIGNIN_MAX_FAILURES_PER_ADDRESS"]
    )
    if (name_full or address_full) and not known_pair(session, name, address, now):
        return Verdict(wait_seconds=int(window.total_seconds()))
    return Verdict()


def begin(session, name, address, *, now):
    """Write the attempt down as failed *before* the slow hash, so that guesses sent in parallel
    count against each other; finish() corrects it. Forgets month-old attempts."""
    attempt = SignInAttempt(name=name, address=address, at=now, ok=False)
    session.add(attempt)
    session.execute(delete(SignInAttempt).where(SignInAttempt.at < now - timedelta(days=KEEP_ATTEMPTS_DAYS)))
    session.flush()
    return attempt.id


def finish(session, attempt_id, ok, *, now, config):
    """The attempt's result; a failure that fills a ceiling raises one alert."""
    attempt = session.get(SignInAttempt, attempt_id)
    if ok:
        attempt.ok = True
        return
    name, address = attempt.name, attempt.address
    since = now - timedelta(minutes=config["CONSOLE_SIGNIN_WINDOW_MINUTES"])
    by_name = failures(session, since, SignInAttempt.name == name)
    if by_name == config["CONSOLE_SIGNIN_MAX_FAILURES"]:
        spread = session.scalar(
            select(func.count(distinct(SignInAttempt.address))).where(
                SignInAttempt.name == name, SignInAttempt.ok.is_(False), SignInAttempt.at >= since
            )
        )
        audit_log.record(
            session,
            "sign-in throttle",
            ALERT,
            now=now,
            target=f"name {name}",
            detail=f"{by_name} failed sign-ins in {config['CONSOLE_SIGNIN_WINDOW_MINUTES']} minutes "
            f"from {spread} address(es); only addresses it signed in from before may try now",
        )
    by_address = failures(session, since, SignInAttempt.address == address)
    if by_address == config["CONSOLE_SIGNIN_MAX_FAILURES_PER_ADDRESS"]:
        audit_log.record(
            session,
            "sign-in throttle",
            ALERT,
            now=now,
            target=f"address {address}",
            detail=f"{by_address} failed sign-ins in {config['CONSOLE_SIGNIN_WINDOW_MINUTES']} minutes; "
            "it may only try names that signed in from it before",
        )


def recent_alerts(session, now, hours=24):
    """Alerts for the supervisors' banner: the newest first."""
    return session.scalars(
        select(AuditEntry)
        .where(AuditEntry.action == ALERT, AuditEntry.at >= now - timedelta(hours=hours))
        .order_by(AuditEntry.at.desc())
        .limit(5)
    ).all()
