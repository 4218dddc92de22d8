"""Sending what is due: claim rows, decide each (send, wait, drop), hand it to the gateway, record it.

Every write after the claim is guarded by (claimer, attempt), so a sender that lost its lease
cannot overwrite another's result. The row is marked "handed" just before the provider is
called: a row left "sending" without that mark was never sent and is simply claimed again;
one with it is looked up (ivr/messaging/settle.py), never blindly sent twice.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from ivr.calendar import clock
from ivr.identity import phones
from ivr.messaging import claims, rules
from ivr.messaging.claims import Result
from ivr.messaging.envelope import Envelope, SendError, UnknownOutcome
from ivr.messaging.recipients import mobile_number, opted_out
from ivr.platform import logs

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Policy:
    """The sending rules, from configuration."""

    timezone: str
    quiet_hours: str
    region: str
    batch: int
    lease_seconds: int
    max_attempts: int
    retry_base_seconds: int
    retry_max_seconds: int
    outcome_wait_seconds: int
    max_validity_seconds: int
    handover_chunk: int
    http_timeout: int

    @classmethod
    def from_config(cls, config):
        """The rules from a checked configuration (ivr/platform/settings.py refused bad values at start)."""
        return cls(
            timezone=config["IVR_TIMEZONE"],
            quiet_hours=config["SMS_QUIET_HOURS"],
            region=config["DEFAULT_REGION"],
            batch=config["SMS_BATCH_SIZE"],
            lease_seconds=config["SMS_LEASE_SECONDS"],
            max_attempts=config["SMS_MAX_ATTEMPTS"],
            retry_base_seconds=config["SMS_RETRY_BASE_SECONDS"],
            retry_max_seconds=config["SMS_RETRY_MAX_SECONDS"],
            outcome_wait_seconds=config["SMS_OUTCOME_WAIT_SECONDS"],
            max_validity_seconds=config["SMS_MAX_VALIDITY_SECONDS"],
            handover_chunk=config["SMS_HANDOVER_CHUNK"],
            http_timeout=config["SMS_HTTP_TIMEOUT"],
        )

    def lease(self, now):
        return now + timedelta(seconds=self.lease_seconds)

    def lookup_lease(self, now):
        """Renewed before each look-up of an unknown outcome: one look-up may take a whole timeout."""
        return now + timedelta(seconds=self.lease_seconds + self.http_timeout)

    def handed_lease(self, now):
        """Long enough for a whole chunk to time out one by one: no one looks a message up mid-send."""
        return now + timedelta(seconds=self.lease_seconds + self.handover_chunk * self.http_timeout)

    def backoff(self, attempt):
        """Seconds to wait after a transient failure of attempt `attempt` (1, 2, …): doubling, capped."""
        return min(self.retry_max_seconds, self.retry_base_seconds * 2 ** (attempt - 1))


# Twilio may hold a message at most this little before quiet hours, else it waits for morning.
MIN_VALIDITY_SECONDS = 300


def prepare(claim, policy, now, blocked):
    """An Envelope to send now, or the Result that says why not (bad number, opted out, quiet hours)."""
    try:
        to = mobile_number(claim.to_number, policy.region)
    except phones.BadPhoneNumber as exc:
        return Result(claim, "failed", last_error=f"invalid recipient: {exc}")
    if to in blocked and rules.respects_opt_out(claim.kind):
        return Result(claim, "cancelled", last_error="recipient opted out (STOP)")
    validity = None
    if rules.waits_for_quiet_hours(claim.kind):
        until = rules.quiet_until(now, policy.timezone, policy.quiet_hours)
        validity = rules.seconds_until_quiet(now, policy.timezone, policy.quiet_hours, cap=policy.max_validity_seconds)
        if until is None and validity < MIN_VALIDITY_SECONDS:
            until = rules.quiet_until(now + timedelta(seconds=validity + 1), policy.timezone, policy.quiet_hours)
        if until is not None:
            # Waiting is not an attempt: give the attempt back and come back when quiet hours end.
            return Result(claim, "pending", due_at=until, attempts=claim.attempts - 1)
    return Envelope(claim.id, claim.kind, to, claim.body, claim.language, validity, claim.template)


def failure(claim, exc, policy, now):
    """A send error becomes a retry later, or a failure kept for operators with its reason."""
    reason = str(exc)[:500]
    if getattr(exc, "permanent", False):
        return Result(claim, "failed", last_error=reason)
    if claim.attempts >= policy.max_attempts:
        return Result(claim, "failed", last_error=f"gave up after {claim.attempts} attempts: {reason}")
    later = now + timedelta(seconds=policy.backoff(claim.attempts))
    return Result(claim, "pending", due_at=later, last_error=f"will retry: {reason}")


def send_due(database, gateway, *, sender, policy, limit=None):
    """One pass of the sender over at most one batch; returns how many messages it handled."""
    now = clock.now()
    with database.new_session() as session:
        claimed = claims.claim_due(
            session, now=now, sender=sender, limit=limit or policy.batch, lease_until=policy.lease(now)
        )
        blocked = opted_out(session, claimed)
    results = []
    for start in range(0, len(claimed), policy.handover_chunk):
        now = clock.now()
        ready = []
        for claim in claimed[start : start + policy.handover_chunk]:
            envelope = prepare(claim, policy, now, blocked)
            if isinstance(envelope, Result):
                results.append(envelope)
            else:
                ready.append((claim, envelope))
        with database.engine.begin() as connection:
            # One transaction: earlier outcomes, and the mark that these go to the provider now.
            claims.write_results(connection, sender, results)
            results = []
            held = claims.mark_handed(
                connection, [claim for claim, _ in ready], sender=sender, now=now, lease_until=policy.handed_lease(now)
            )
            # The chunks still to come keep their claim while this one is sent, however slow.
            later = claimed[start + policy.handover_chunk :]
            claims.renew(connection, [claim.id for claim in later], sender=sender, lease_until=policy.handed_lease(now))
        results += [hand_over(gateway, claim, envelope, policy, now) for claim, envelope in ready if claim.id in held]
    with database.engine.begin() as connection:
        claims.write_results(connection, sender, results)
    return len(claimed)


def hand_over(gateway, claim, envelope, policy, now):
    """Call the provider once and turn what happened into a Result."""
    with logs.about_message(claim.id):
        return _hand_over(gateway, claim, envelope, policy, now)


def _hand_over(gateway, claim, envelope, policy, now):
    try:
        sid = gateway.send(envelope)
    except UnknownOutcome as exc:
        log.warning("message %s: outcome unknown (%s); waiting for its status callback", claim.id, exc)
        wait = now + timedelta(seconds=policy.outcome_wait_seconds)
        return Result(claim, "sending", last_error=f"outcome unknown: {exc}"[:500], lease_until=wait, handed_at=now)
    except SendError as exc:
        return failure(claim, exc, policy, now)
    except Exception as exc:  # a gateway bug must not stop the other messages
        log.exception("gateway failed on message %s", claim.id)
        return failure(claim, SendError(type(exc).__name__), policy, now)
    return Result(claim, "sent", provider_sid=sid, sent_at=now)
