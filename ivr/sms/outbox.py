"""Queueing and cancelling outgoing SMS rows; the scheduler delivers them."""

from sqlalchemy import select, update

from ..store import OutgoingMessage


def queue(session, *, kind, subject, to, body, due_at, language, occurrence=1, call_id=None):
    """Store a message to send at `due_at`; the same (subject, kind, occurrence) is stored once.

    Returns the stored row and whether this call created it.
    """
    existing = session.scalar(
        select(OutgoingMessage).where(
            OutgoingMessage.subject == subject,
            OutgoingMessage.kind == kind,
            OutgoingMessage.occurrence == occurrence,
        )
    )
    if existing is not None:
        return existing, False
    message = OutgoingMessage(
        kind=kind, subject=subject, occurrence=occurrence, to_number=to, body=body,
        due_at=due_at, language=language, call_id=call_id, state="pending",
    )
    session.add(message)
    session.flush()
    return message, True


def cancel_pending(session, *, subject, kinds=None):
    """Cancel what is still waiting to go out for `subject` (its reason is gone)."""
    statement = update(OutgoingMessage).where(
        OutgoingMessage.subject == subject, OutgoingMessage.state == "pending"
    )
    if kinds:
        statement = statement.where(OutgoingMessage.kind.in_(kinds))
    return session.execute(statement.values(state="cancelled")).rowcount


def cancel(session, message_id):
    """An operator cancels one message that has not gone out; False if it is past that."""
    done = session.execute(
        update(OutgoingMessage)
        .where(OutgoingMessage.id == message_id, OutgoingMessage.state == "pending")
        .values(state="cancelled")
    ).rowcount
    return bool(done)


def retry(session, message_id, *, now):
    """An operator sends a failed message again, now; False if it has not failed."""
    done = session.execute(
        update(OutgoingMessage)
        .where(OutgoingMessage.id == message_id, OutgoingMessage.state == "failed")
        .values(state="pending", due_at=now, last_error=None, claimed_by=None, lease_until=None)
    ).rowcount
    return bool(done)
