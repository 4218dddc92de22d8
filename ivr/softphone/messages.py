"""The SMS a softphone call caused, as the outgoing-message table records them."""

from sqlalchemy import select

from ivr.calendar import localtime
from ivr.identity import phones
from ivr.store import Call, OutgoingMessage


def messages_for_call(session, call_sid, tzname):
    """Every SMS queued by the call with this CallSid, in the order queued; numbers masked."""
    rows = session.scalars(
        select(OutgoingMessage)
        .join(Call, OutgoingMessage.call_id == Call.id)
        .where(Call.call_sid == call_sid)
        .order_by(OutgoingMessage.id)
    )
    return [
        {
            "id": m.id,
            "kind": m.kind,
            "to": phones.mask(m.to_number),
            "state": m.state,
            "due_at": localtime.local(m.due_at, tzname).isoformat(timespec="minutes"),
            "language": m.language,
            "body": m.body,
        }
        for m in rows
    ]
