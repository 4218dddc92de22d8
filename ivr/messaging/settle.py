"""Messages handed to the provider whose outcome never came back: look them up, or leave them to an operator."""

import logging

from ivr.calendar import clock
from ivr.messaging import claims
from ivr.messaging.claims import Result
from ivr.messaging.envelope import Envelope

log = logging.getLogger(__name__)
NEEDS_OPERATOR = "unknown outcome: needs operator (check the provider's log before retrying)"


def resolve_unknown(database, gateway, *, sender, policy):
    """Messages handed over whose outcome never came: ask the provider, else leave them to an operator.

    Look-ups can be slow, so each answer is written as soon as it comes and the rest of the batch's
    lease is renewed before the next look-up: the claim never lapses half-way through a batch.
    """
    now = clock.now()
    with database.new_session() as session:
        claimed = claims.claim_unresolved(
            session, now=now, sender=sender, limit=policy.batch, lease_until=policy.lookup_lease(now)
        )
    waiting, results = list(claimed), []
    while waiting:
        with database.engine.begin() as connection:
            claims.write_results(connection, sender, results)
            held = claims.renew(
                connection, [claim.id for claim in waiting], sender=sender, lease_until=policy.lookup_lease(clock.now())
            )
        waiting = [claim for claim in waiting if claim.id in held]
        if not waiting:
            return len(claimed)
        results = [settle(gateway, waiting.pop(0), policy, clock.now())]
    with database.engine.begin() as connection:
        claims.write_results(connection, sender, results)
    return len(claimed)


def settle(gateway, claim, policy, now):
    envelope = Envelope(claim.id, claim.kind, claim.to_number, claim.body, claim.language, template=claim.template)
    try:
        found = gateway.lookup(envelope, since=claim.handed_at)
    except Exception as exc:
        log.warning("could not look up message %s: %s", claim.id, type(exc).__name__)
        found = None
    if found is None:
        return Result(claim, "failed", last_error=NEEDS_OPERATOR)
    if found.status == "not_sent":
        return Result(claim, "pending", due_at=now, last_error="the provider never got it: sending again")
    if found.status in ("failed", "undelivered"):
        return Result(claim, "failed", provider_sid=found.sid, last_error=f"provider: {found.status}")
    delivered = found.status in ("delivered", "read")
    return Result(
        claim,
        "delivered" if delivered else "sent",
        provider_sid=found.sid,
        sent_at=claim.handed_at,
        delivered_at=now if delivered else None,
    )
