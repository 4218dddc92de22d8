"""The SMS a softphone call caused, as the outgoing-message table records them."""

from ivr.calendar import localtime
from ivr.identity import phones
from ivr.messaging import outbox


def messages_for_call(session, call_sid, tzname):
    """Every SMS queued by the call with this CallSid, in the order queued; numbers masked."""
    rows = outbox.messages_of_call(session, call_sid)
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
