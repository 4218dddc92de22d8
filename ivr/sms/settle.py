"""Messages handed to the provider whose outcome never came back: look them up, or leave them to an operator."""

import logging

from .. import clock
from . import claims
from .claims import Result
from .gateways import Envelope

log = logging.getLogger(__name__)
NEEDS_OPERATOR = "unknown outcome: needs operator (check the provider's log before retrying)"


def resolve_unknown(database, gateway, *, sender, policy):
    """Messages handed over whose outcome never came: ask the provider, else leave them to an operator."""
    now = clock.now()
    with database.new_session() as session:
        claimed = claims.claim_unresolved(session, now=now, sender=sender, limit=policy.batch,
                                          lease_until=policy.lease(now))
    results = [settle(gateway, claim, policy, now) for claim in claimed]
    with database.new_session() as session:
        claims.write_results(session, sender, results)
    return len(claimed)


def settle(gateway, claim, policy, now):
    envelope = Envelope(claim.id, claim.kind, claim.to_number, claim.body, claim.language)
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
    return Result(claim, "delivered" if delivered else "sent", provider_sid=found.sid,
                  sent_at=claim.handed_at, delivered_at=now if delivered else None)
