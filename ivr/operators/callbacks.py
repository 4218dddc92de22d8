"""Callback requests: taken on the phone, merged per number and day, worked from the console.

Nothing here holds an ID number or a password: a request knows the language, whether the caller
was verified, the card's last four when they were, why they asked and from which step.
"""

from datetime import timedelta

from sqlalchemy import select, update

from ivr.calendar import staffed_time
from ivr.identity import phones
from ivr.messaging import limits
from ivr.messaging.notify import notify
from ivr.operators.queue import came_from
from ivr.store import CallbackRequest, Cardholder, references
from ivr.voice import calls

MERGE_WINDOW = timedelta(hours=24)
OUTCOMES = ("reached", "no_answer", "wrong_number", "done")
CLOSING = {"reached": "reached", "wrong_number": "wrong_number", "done": "done"}


class ClaimRefused(Exception):
    """Another operator holds this callback, or it is closed."""


def draft(session, call, reason, *, now):
    """The request this call is putting together (a new one for a new reason)."""
    found = session.scalar(
        select(CallbackRequest).where(CallbackRequest.call_id == call.id, CallbackRequest.status == "draft")
    )
    if found is None:
        found = CallbackRequest(call_id=call.id, created_at=now, status="draft")
        session.add(found)
    found.reason, found.came_from, found.language = reason[:24], came_from(call), call.language
    found.verified = bool(call.verified)
    found.card_last4 = None
    if call.verified and call.cardholder_id:
        card = session.get(Cardholder, call.cardholder_id).current_card
        found.card_last4 = card.number_last4 if card else None
    session.flush()
    return found


def current_draft(session, call):
    return session.scalar(
        select(CallbackRequest).where(CallbackRequest.call_id == call.id, CallbackRequest.status == "draft")
    )


def caller_mobile(call, region, regions):
    """The calling number when it is a mobile the operators may call (it can take the call and the
    SMS), else None."""
    try:
        return phones.callable_e164(call.from_number, region, regions, mobile=True)
    except phones.NotCallable:
        return None


def register(session, call, request, config, *, now):
    """Turn the draft into an open request, merged into today's open one from the same number.

    Returns (the request kept, whether it was merged, when to expect the call, whether an SMS
    acknowledgement was queued).
    """
    expected = staffed_time.next_staffed(config, now)
    earlier = session.scalar(
        select(CallbackRequest)
        .where(
            CallbackRequest.phone == request.phone,
            CallbackRequest.status == "open",
            CallbackRequest.created_at >= now - MERGE_WINDOW,
            CallbackRequest.id != request.id,
        )
        .order_by(CallbackRequest.id)
        .limit(1)
        .with_for_update()
    )
    if earlier is not None:
        earlier.times_asked += 1
        earlier.automatic = earlier.automatic and request.automatic  # asked by the caller: no longer automatic
        earlier.verified = earlier.verified or request.verified
        earlier.card_last4 = earlier.card_last4 or request.card_last4
        session.delete(request)
        calls.record(session, call, "callback_merged", f"request {earlier.reference}", now=now)
        return earlier, True, earlier.expected_from or expected, False
    request.status, request.created_at, request.expected_from = "open", now, expected
    request.reference = references.new_reference(session, references.CALLBACK)
    request.due_by = staffed_time.after_staffed_hours(config, now, config["CALLBACK_DUE_STAFFED_HOURS"])
    session.flush()
    calls.record(session, call, "callback_requested", f"request {request.reference} {request.reason}", now=now)
    acked = False
    if not request.automatic:  # the caller did not ask for an automatic one: no SMS (ivr/operators/lost_callers.py)
        acked = acknowledge(session, call, request, config, now=now, expected=expected)
    return request, False, expected, acked


def acknowledge(session, call, request, config, *, now, expected):
    """An SMS confirming the request, when the number is a mobile the operators may call and the
    limits against SMS pumping allow it; True when one was queued."""
    region, regions = config.get("DEFAULT_REGION", "CN"), phones.callable_regions(config)
    if not phones.is_callable_mobile(request.phone, region, regions):
        return False
    if not limits.allow(
        session, kind="callback_ack", to=request.phone, caller=call.from_number, config=config, now=now
    ):
        calls.record(session, call, "sms_refused", "callback_ack: limit", now=now)
        return False
    language = request.language
    facts = {
        "reference": request.reference,
        "when": staffed_time.spoken_when(config, now, expected, language),
        "last4": request.phone[-4:],
    }
    notify(
        session,
        "callback_ack",
        subject=f"callback:{request.id}",
        to=request.phone,
        facts=facts,
        due_at=now,
        language=language,
        config=config,
        call_id=call.id,
    )
    return True


def claim(session, request_id, operator_id, *, now, hold_minutes):
    """Take a callback to work on; one operator at a time (a claim lapses after `hold_minutes`).

    One conditional UPDATE: two operators pressing "claim" together cannot both win.
    """
    lapsed = now - timedelta(minutes=hold_minutes)
    done = session.execute(
        update(CallbackRequest)
        .where(
            CallbackRequest.id == request_id,
            CallbackRequest.status == "open",
            (CallbackRequest.claimed_by.is_(None))
            | (CallbackRequest.claimed_by == operator_id)
            | (CallbackRequest.claimed_at < lapsed),
        )
        .values(claimed_by=operator_id, claimed_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not done:
        raise ClaimRefused(request_id)


def claim_lapsed(request, now, *, hold_minutes):
    """Nobody holds the request now: never claimed, or claimed `hold_minutes` ago or more (as in `claim`)."""
    if request.claimed_by is None or request.claimed_at is None:
        return True
    return request.claimed_at < now - timedelta(minutes=hold_minutes)


def record_outcome(session, request, operator_id, outcome, note, *, now, max_attempts):
    """What came of a try: closes the request, or (no answer) counts a try and frees it."""
    if request.status != "open" or request.claimed_by != operator_id:
        raise ClaimRefused(request.id)
    if note:
        stamp = now.strftime("%Y-%m-%d %H:%M")
        request.notes = (request.notes + "\n" if request.notes else "") + f"{stamp} {note}"[:500]
    request.attempts += 1
    request.first_attempt_at = request.first_attempt_at or now
    request.last_attempt_at = now
    request.claimed_by = request.claimed_at = None
    if outcome == "no_answer":
        if request.attempts >= max_attempts:
            request.status, request.closed_at, request.closed_by = "unreached", now, operator_id
        return
    request.status, request.closed_at, request.closed_by = CLOSING[outcome], now, operator_id


def locked(session, request_id):
    """The request, its row locked until the transaction ends (two outcomes cannot cross), or None."""
    return session.scalar(select(CallbackRequest).where(CallbackRequest.id == request_id).with_for_update())


def by_reference(session, reference):
    """The request a caller was given this 7-digit reference for, or None."""
    return session.scalar(select(CallbackRequest).where(CallbackRequest.reference == reference))


def requested_between(session, start, end):
    """(status, closed_at, due_by, times_asked) of every request made in [start, end), drafts left out."""
    return session.execute(
        select(
            CallbackRequest.status, CallbackRequest.closed_at, CallbackRequest.due_by, CallbackRequest.times_asked
        ).where(
            CallbackRequest.created_at >= start, CallbackRequest.created_at < end, CallbackRequest.status != "draft"
        )
    ).all()


def work_list(session, *, limit=500):
    """Open requests, oldest first."""
    return session.scalars(
        select(CallbackRequest)
        .where(CallbackRequest.status == "open")
        .order_by(CallbackRequest.created_at, CallbackRequest.id)
        .limit(limit)
    ).all()


def is_overdue(request, now):
    return request.status == "open" and request.due_by is not None and now > request.due_by
