"""Twilio's call status callback and its fallback URL."""

import logging

from flask import Blueprint, request

from .. import calls, clock, queueing
from ..store import db
from ..twiml import Reply, xml_response
from .webhook import CALL_SID, apology

bp = Blueprint("status", __name__)
log = logging.getLogger(__name__)
FINAL_STATUSES = {"completed", "busy", "failed", "no-answer", "canceled"}


@bp.post("/status")
def status():
    """The call ended (or changed state): keep its duration, and note where an unfinished call left."""
    sid = request.form.get("CallSid", "")
    if not CALL_SID.match(sid):
        return xml_response(Reply().xml())
    session = db.session
    try:
        call = calls.find(session, sid, lock=True)
        state = request.form.get("CallStatus", "")[:24]
        if call is not None and state:
            end_call(session, call, state, request.form.get("CallDuration", ""), now=clock.now())
            session.commit()
    except Exception:
        session.rollback()
        log.exception("could not record the status of a call")
    return xml_response(Reply().xml())


def end_call(session, call, state, duration, *, now):
    call.twilio_status = state
    if state not in FINAL_STATUSES or call.ended_at is not None:
        return
    call.ended_at = now
    call.duration_s = int(duration) if duration.isdigit() else int((now - call.started_at).total_seconds())
    calls.record(session, call, "hangup", state, now=now)
    calls.finish(session, call, "abandoned", now=now)
    queueing.close_for_call(session, call, state, now=now)


@bp.post("/fallback")
def fallback():
    """Twilio calls this when the hotline's own URL failed: apologise and say what to do instead."""
    return apology()
