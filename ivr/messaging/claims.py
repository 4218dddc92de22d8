"""The outbox's concurrency rules in SQL: atomic claims with a lease, and writes guarded by the claim.

A claim is one `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING`: on PostgreSQL
two senders never get the same row and never wait for each other; on SQLite every transaction
starts with BEGIN IMMEDIATE (ivr/store/db.py), so claims simply run one after the other.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select, update

from ivr.platform import metrics
from ivr.store import OutgoingMessage

M = OutgoingMessage
TABLE = OutgoingMessage.__table__
FIELDS = ("id", "kind", "subject", "to_number", "body", "language", "attempts", "due_at", "handed_at", "template")


@dataclass(frozen=True)
class Claim:
    """A row a sender holds: what to send, and the attempt number that guards every later write."""

    id: int
    kind: str
    subject: str
    to_number: str
    body: str
    language: str
    attempts: int
    due_at: datetime
    handed_at: datetime | None
    template: dict | None = None


def _claim(session, condition, *, values, limit):
    candidates = select(M.id).where(*condition).order_by(M.due_at).limit(limit).with_for_update(skip_locked=True)
    statement = (
        update(TABLE).where(TABLE.c.id.in_(candidates)).values(**values).returning(*(TABLE.c[name] for name in FIELDS))
    )
    rows = [Claim(*row) for row in session.execute(statement)]
    return sorted(rows, key=lambda claim: (claim.due_at, claim.id))


def claim_due(session, *, now, sender, limit, lease_until):
    """Take up to `limit` messages to send: due pending ones, and ones whose sender died before
    handing them to the provider (lease expired, never handed). Each attempt counts."""
    values = dict(
        state="sending", claimed_by=sender, lease_until=lease_until, attempts=TABLE.c.attempts + 1, handed_at=None
    )
    abandoned = _claim(
        session, (M.state == "sending", M.handed_at.is_(None), M.lease_until < now), values=values, limit=limit
    )
    due = (
        _claim(session, (M.state == "pending", M.due_at <= now), values=values, limit=limit - len(abandoned))
        if len(abandoned) < limit
        else []
    )
    return abandoned + due


def claim_unresolved(session, *, now, sender, limit, lease_until):
    """Take messages that were handed to the provider but whose outcome never came back."""
    values = dict(claimed_by=sender, lease_until=lease_until)
    condition = (M.state == "sending", M.handed_at.is_not(None), M.lease_until < now)
    return _claim(session, condition, values=values, limit=limit)


def _guard(sender):
    return (
        TABLE.c.id == bindparam("b_id"),
        TABLE.c.claimed_by == sender,
        TABLE.c.attempts == bindparam("b_attempt"),
        TABLE.c.state == "sending",
    )


def mark_handed(connection, claimed, *, sender, now, lease_until):
    """Record that the provider is about to be called for `claimed`; returns the ids this sender
    still holds (a row whose lease another sender took, or that was cancelled, is left out)."""
    if not claimed:
        return set()
    statement = (
        update(TABLE)
        .where(
            TABLE.c.id.in_([claim.id for claim in claimed]),
            TABLE.c.claimed_by == sender,
            TABLE.c.state == "sending",
            TABLE.c.handed_at.is_(None),
        )
        .values(handed_at=now, lease_until=lease_until)
        .returning(TABLE.c.id, TABLE.c.attempts)
    )
    wanted = {(claim.id, claim.attempts) for claim in claimed}
    return {row_id for row_id, attempts in connection.execute(statement) if (row_id, attempts) in wanted}


def renew(connection, ids, *, sender, lease_until):
    """Extend `sender`'s lease on the rows of `ids` it still holds; returns those ids.

    A sender renews before each slow step (a send, a look-up), so a batch that takes longer than
    one lease is not taken over half-way; a row another sender took, or that was settled, is
    left out and left alone.
    """
    if not ids:
        return set()
    statement = (
        update(TABLE)
        .where(TABLE.c.id.in_(ids), TABLE.c.claimed_by == sender, TABLE.c.state == "sending")
        .values(lease_until=lease_until)
        .returning(TABLE.c.id)
    )
    return {row_id for (row_id,) in connection.execute(statement)}


RESULT_COLUMNS = (
    "state",
    "due_at",
    "attempts",
    "last_error",
    "provider_sid",
    "sent_at",
    "delivered_at",
    "lease_until",
    "handed_at",
)


def write_results(session, sender, results):
    """Write outcomes, each only if `sender` still holds that row at that attempt (else it is dropped)."""
    if not results:
        return
    statement = update(TABLE).where(*_guard(sender)).values(**{name: bindparam(f"v_{name}") for name in RESULT_COLUMNS})
    session.execute(statement, [result.params() for result in results])
    metrics.count_sms(results)


@dataclass
class Result:
    """The outcome of one claim, as the full set of columns the guarded write sets."""

    claim: Claim
    state: str
    last_error: str | None = None
    due_at: datetime | None = None
    attempts: int | None = None
    provider_sid: str | None = None
    sent_at: datetime | None = None
    delivered_at: datetime | None = None
    lease_until: datetime | None = None
    handed_at: datetime | None = None

    def params(self):
        values = {f"v_{name}": getattr(self, name) for name in RESULT_COLUMNS}
        values["v_due_at"] = self.due_at or self.claim.due_at
        values["v_attempts"] = self.claim.attempts if self.attempts is None else self.attempts
        values["b_id"], values["b_attempt"] = self.claim.id, self.claim.attempts
        return values
