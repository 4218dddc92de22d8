"""No caller lost in the queue: a caller who hangs up after a long wait gets a callback request made
for them, when their caller ID is a number the hotline may call.

The request is an ordinary one (the work list, the merge per number and day, the figures) marked
`automatic`; no SMS is sent for it (the caller did not ask, and a forged caller ID must not make the
hotline pay for messages). One made for a number that already has an open request is merged into it.
"""

import phonenumbers
from phonenumbers import PhoneNumberType
from sqlalchemy import select

from ivr.identity import phones
from ivr.operators import callbacks
from ivr.store import CallbackRequest
from ivr.voice import calls

REASON = "lost_in_queue"
# Numbers a person answers: mainland mobiles and fixed lines (not premium rate, toll-free or shared cost).
CALLABLE_TYPES = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE)


def callable_number(raw, region="CN"):
    """The caller ID in E.164 when the hotline may call it back, else None.

    The one place this rule lives: point it at ivr/identity/phones' own "callable number" rule when
    that exists."""
    try:
        e164 = phones.to_e164(raw, region)
    except phones.BadPhoneNumber:
        return None
    parsed = phonenumbers.parse(e164)
    if phonenumbers.region_code_for_number(parsed) != "CN":
        return None
    return e164 if phonenumbers.number_type(parsed) in CALLABLE_TYPES else None


def lost_in_queue(visit, after_seconds):
    """Whether this stay ended with the caller hanging up without reaching a person, after `after_seconds` or more
    (not a caller the hotline moved on, or one a queue error sent to the callback offer)."""
    return (
        visit is not None
        and visit.left_at is not None
        and visit.result == "hangup"
        and visit.bridged_at is None
        and not visit.leaving_for
        and (visit.wait_s or 0) >= after_seconds
    )


def catch(session, call, visit, config, *, now):
    """After a stay ended: the automatic callback request for a lost caller (once per call), or None."""
    if not lost_in_queue(visit, config["AUTO_CALLBACK_AFTER_SECONDS"]):
        return None
    asked = session.scalar(
        select(CallbackRequest.id).where(CallbackRequest.call_id == call.id, CallbackRequest.status != "draft").limit(1)
    )
    if asked is not None:
        return None
    phone = callable_number(call.from_number, config.get("DEFAULT_REGION", "CN"))
    if phone is None:
        calls.record(session, call, "callback_not_made", "caller id not callable", now=now)
        return None
    request = callbacks.draft(session, call, REASON, now=now)
    request.phone, request.automatic = phone, True
    kept, _merged, _expected, _acked = callbacks.register(session, call, request, config, now=now)
    return kept
