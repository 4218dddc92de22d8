"""Sending what is due: claim due rows, hand each to the gateway, record what happened."""

import logging

from sqlalchemy import select, update

from ..store import OutgoingMessage
from .gateways import SendError

log = logging.getLogger(__name__)


def claim_due(session, *, now, sender, limit):
    """Mark up to `limit` due messages as being sent by `sender`; rows another sender holds are skipped."""
    rows = session.scalars(
        select(OutgoingMessage)
        .where(OutgoingMessage.state == "pending", OutgoingMessage.due_at <= now)
        .order_by(OutgoingMessage.due_at, OutgoingMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    for row in rows:
        row.state, row.claimed_by, row.attempts = "sending", sender, row.attempts + 1
    session.flush()
    return rows


def record_result(session, message_id, *, sender, attempt, state, now, provider_sid=None, error=None):
    """Write the outcome, unless another sender has since taken the message over."""
    values = {"state": state, "last_error": error}
    if provider_sid:
        values["provider_sid"] = provider_sid
    if state == "sent":
        values["sent_at"] = now
    session.execute(
        update(OutgoingMessage)
        .where(OutgoingMessage.id == message_id, OutgoingMessage.claimed_by == sender,
               OutgoingMessage.attempts == attempt)
        .values(**values)
    )


def send_due(database, gateway, *, now, sender="local", limit=100):
    """One pass of the sender: returns how many messages went out."""
    with database.new_session() as session:
        claimed = claim_due(session, now=now, sender=sender, limit=limit)
        session.expunge_all()
    sent = 0
    for message in claimed:
        try:
            sid, state, error = gateway.send(message), "sent", None
        except SendError as exc:
            sid, state, error = None, "failed" if exc.permanent else "pending", str(exc)
        except Exception as exc:  # a gateway bug must not stop the other messages
            log.exception("gateway failed on message %s", message.id)
            sid, state, error = None, "pending", f"{type(exc).__name__}"
        with database.new_session() as session:
            record_result(session, message.id, sender=sender, attempt=message.attempts,
                          state=state, now=now, provider_sid=sid, error=error)
        sent += state == "sent"
    return sent
