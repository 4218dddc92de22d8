"""Queueing and cancelling outgoing SMS rows; the scheduler delivers them (ivr/messaging/dispatch.py)."""

from sqlalchemy import and_, func, insert, or_, select, update

from ivr.identity import phones
from ivr.store import Call, OutgoingMessage

M = OutgoingMessage
# Not yet with the provider: a row claimed by a sender but not handed over can still be stopped.
NOT_HANDED = or_(M.state == "pending", and_(M.state == "sending", M.handed_at.is_(None)))


def normalised(to):
    """E.164 when the number parses; otherwise kept as given, so the send fails it with a reason."""
    try:
        return phones.to_e164(to)
    except phones.BadPhoneNumber:
        return (to or "")[:20]


def row(kind, subject, to, body, due_at, language, occurrence=1, call_id=None, template=None):
    """A pending message's columns, as `queue` and `queue_new` store it."""
    return {
        "template": template,
        "kind": kind,
        "subject": subject,
        "occurrence": occurrence,
        "to_number": normalised(to),
        "body": body,
        "due_at": due_at,
        "language": language,
        "call_id": call_id,
        "state": "pending",
        "attempts": 0,
    }


def queue(session, *, kind, subject, to, body, due_at, language, occurrence=1, call_id=None, template=None):
    """Store a message to send at `due_at`; the same (subject, kind, occurrence) is stored once.

    Returns the stored row and whether this call created it.
    """
    existing = session.scalar(select(M).where(M.subject == subject, M.kind == kind, M.occurrence == occurrence))
    if existing is not None:
        return existing, False
    message = M(**row(kind, subject, to, body, due_at, language, occurrence, call_id, template))
    session.add(message)
    session.flush()
    return message, True


NEW_MESSAGES = insert(M.__table__)  # built once (ivr/calls.BY_SID says why)


def queue_new(session, messages):
    """Store messages about a subject created in this transaction (a report just filed), in one
    INSERT and with no look-up first: nothing can have been queued for it before.

    Each message is a dict of `queue`'s keyword arguments.
    """
    rows = [
        row(
            m["kind"],
            m["subject"],
            m["to"],
            m["body"],
            m["due_at"],
            m["language"],
            m.get("occurrence", 1),
            m.get("call_id"),
            m.get("template"),
        )
        for m in messages
    ]
    session.connection().execute(NEW_MESSAGES, rows)


def cancel_pending(session, *, subject, kinds=None):
    """Cancel what is still waiting to go out for `subject` (its reason is gone); returns how many."""
    statement = update(M).where(M.subject == subject, NOT_HANDED)
    if kinds:
        statement = statement.where(M.kind.in_(kinds))
    values = dict(state="cancelled", last_error="cancelled: its reason is gone")
    return session.execute(statement.values(**values)).rowcount


def cancel(session, message_id):
    """An operator cancels one message that has not gone out, or a failed one; False if it is past that."""
    done = session.execute(
        update(M)
        .where(M.id == message_id, or_(NOT_HANDED, M.state == "failed"))
        .values(state="cancelled", last_error="cancelled by an operator")
    ).rowcount
    return bool(done)


def retry(session, message_id, *, now):
    """An operator sends a failed message again, now, with a fresh count of attempts; False if it has not failed."""
    done = session.execute(
        update(M)
        .where(M.id == message_id, M.state == "failed")
        .values(
            state="pending", due_at=now, last_error=None, claimed_by=None, lease_until=None, handed_at=None, attempts=0
        )
    ).rowcount
    return bool(done)


def every_message(session, state=None):
    """Every outgoing SMS (only those in `state`, when given), soonest due first."""
    statement = select(OutgoingMessage).order_by(OutgoingMessage.due_at, OutgoingMessage.id)
    if state:
        statement = statement.where(OutgoingMessage.state == state)
    return session.scalars(statement)


def messages_of_call(session, call_sid):
    """Every SMS queued by the call with this CallSid, in the order queued."""
    return session.scalars(
        select(OutgoingMessage)
        .join(Call, OutgoingMessage.call_id == Call.id)
        .where(Call.call_sid == call_sid)
        .order_by(OutgoingMessage.id)
    )


def failed_messages(session, *, limit=500):
    """SMS that could not be delivered, newest first (the console's work list)."""
    return session.scalars(
        select(OutgoingMessage)
        .where(OutgoingMessage.state == "failed")
        .order_by(OutgoingMessage.due_at.desc(), OutgoingMessage.id.desc())
        .limit(limit)
    ).all()


def created_by_state(session, start, end):
    """{state: SMS created in [start, end) that stand in it now}."""
    return dict(
        session.execute(
            select(OutgoingMessage.state, func.count())
            .where(OutgoingMessage.created_at >= start, OutgoingMessage.created_at < end)
            .group_by(OutgoingMessage.state)
        ).all()
    )


def messages_created(session, start, end, *, kind="", state="", offset=0, limit=None):
    """SMS created in [start, end) (only of this kind, in this state, when given), newest first."""
    where = [M.created_at >= start, M.created_at < end]
    if kind:
        where.append(M.kind == kind)
    if state:
        where.append(M.state == state)
    return session.scalars(
        select(M).where(*where).order_by(M.created_at.desc(), M.id.desc()).offset(offset).limit(limit)
    ).all()
