"""Twilio's call status callback and its fallback URL."""

from flask import Blueprint

from ivr.operators import lost_callers
from ivr.operators import queue as queueing
from ivr.voice import calls
from ivr.voice.hooks import call_hook
from ivr.voice.twiml import Reply
from ivr.voice.webhook import apology

bp = Blueprint("status", __name__)
FINAL_STATUSES = {"completed", "busy", "failed", "no-answer", "canceled"}
# Every CallStatus Twilio sends; anything else is not stored (the request is signed, but not Twilio's).
CALL_STATUSES = FINAL_STATUSES | {"queued", "ringing", "in-progress"}
MAX_DURATION_S = 24 * 3600  # Twilio ends a call after 4 hours; more than a day is not a duration


@bp.post("/status")
@call_hook(unknown=None, failed=Reply, what="the status callback")
def status(turn):
    """The call ended (or changed state): keep its duration, and note where an unfinished call left."""
    session, call, state = turn.session, turn.call, turn.field("CallStatus")
    if call is not None and state in CALL_STATUSES:
        end_call(session, call, state, turn.field("CallDuration"), now=turn.now)
        if state in FINAL_STATUSES and call.step == "operator_queue":  # hung up in the queue: no caller lost
            visit = queueing.current_visit(session, call)
            lost_callers.catch(session, call, visit, turn.settings, now=turn.now)


def end_call(session, call, state, duration, *, now):
    call.twilio_status = state
    if state not in FINAL_STATUSES or call.ended_at is not None:
        return
    call.ended_at = now
    told = seconds(duration)
    call.duration_s = told if told is not None else int((now - call.started_at).total_seconds())
    calls.record(session, call, "hangup", state, now=now)
    calls.finish(session, call, "abandoned", now=now)
    queueing.close_for_call(session, call, state, now=now)


def seconds(duration):
    """Twilio's CallDuration as seconds, or None when it is not plain ASCII digits of a sane size."""
    if duration.isascii() and duration.isdigit() and int(duration) <= MAX_DURATION_S:
        return int(duration)
    return None


@bp.post("/fallback")
def fallback():
    """Twilio calls this when the hotline's own URL failed: apologise and say what to do instead."""
    return apology()
