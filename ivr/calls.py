"""A call's place in the IVR, kept in the database by CallSid, and the events of its log."""

from sqlalchemy import event, insert, select
from sqlalchemy.orm import Session

from .store import Call, CallEvent

PENDING_EVENTS = "ivr_pending_call_events"


def find(session, call_sid, *, lock=False):
    """The call with this CallSid, locked for this transaction so its webhooks run in turn."""
    statement = select(Call).where(Call.call_sid == call_sid)
    if lock:
        statement = statement.with_for_update()
    return session.scalar(statement)


def start(session, call_sid, from_number, now):
    """Record a new call (or return the one Twilio is asking about again)."""
    call = find(session, call_sid, lock=True)
    if call is None:
        call = Call(call_sid=call_sid, from_number=from_number[:32], started_at=now, step="language", turn=0)
        session.add(call)
        session.flush()
        record(session, call, "call_started", now=now)
    return call


def record(session, call, kind, detail="", *, now):
    """Add an event to the call's log. `detail` never carries what the caller keyed.

    Events wait in the session and go in with one multi-row INSERT when it commits (below),
    not one statement each.
    """
    pending = session.info.setdefault(PENDING_EVENTS, [])
    pending.append({"call_id": call.id, "at": now, "step": call.step, "kind": kind, "detail": detail[:200]})


@event.listens_for(Session, "before_commit")
def _write_events(session):
    rows = session.info.pop(PENDING_EVENTS, None)
    if rows:
        # Core, not the ORM's bulk path: nothing reads these rows back in this transaction,
        # and the ORM's bookkeeping cost more CPU than the INSERT itself.
        session.connection().execute(insert(CallEvent.__table__), rows)
        # What was written is counted once the commit holds (ivr/metrics.py).
        session.info.setdefault("metrics_events", []).extend((row["kind"], row["detail"]) for row in rows)


@event.listens_for(Session, "after_rollback")
def _drop_events(session):
    session.info.pop(PENDING_EVENTS, None)


def enter(session, call, step, *, now):
    """Move the call to a new step, with a fresh count of failed tries."""
    if call.step != step:
        call.step = step
        call.step_failures = 0
        record(session, call, "step_entered", now=now)


def reject_input(session, call, reason, *, limit, now):
    """Count a failed try at this step; True when the caller has used up the tries."""
    call.step_failures += 1
    record(session, call, "input_rejected", reason, now=now)
    return call.step_failures >= limit


def accept_input(session, call, detail="", *, now):
    record(session, call, "input_accepted", detail, now=now)


def finish(session, call, outcome, *, now):
    """Mark what the call achieved; the first outcome a call reaches is the one kept."""
    if call.outcome is None:
        call.outcome = outcome
        record(session, call, "outcome", outcome, now=now)


def forget_identity(call):
    call.id_hash = None
    call.cardholder_id = None
    call.password_ok = False
    call.verified = False
