"""Waiting for an operator in Twilio's queue: the wait music speaks, 1 asks for a call back.

Twilio requests the wait URL again and again while the caller waits, so the wait and connect
URLs keep the call's turn as it is: the <Enqueue action> URL given when they joined stays valid.
"""

import logging
import math
from functools import wraps

from flask import Blueprint, current_app, request

from ivr.calendar import clock
from ivr.flows.rating import farewell
from ivr.operators import queue as queueing
from ivr.store import db
from ivr.voice import calls
from ivr.voice.twiml import Reply, xml_response
from ivr.voice.webhook import CALL_SID, digits, voice_step

bp = Blueprint("queue", __name__, url_prefix="/queue")
log = logging.getLogger(__name__)


def queue_hook(view):
    """Like voice_step for a queued call, without the turn: `view(call, visit, reply, now)`."""

    @wraps(view)
    def handle():
        sid = request.form.get("CallSid", "")
        session = db.session
        try:
            call = calls.find(session, sid, lock=True) if CALL_SID.match(sid) else None
            if call is None:
                return xml_response(Reply().pause(1).xml())
            reply = Reply(call.language)
            visit = queueing.current_visit(session, call)
            if visit is not None:
                view(call, visit, reply, clock.now())
            session.commit()
            return xml_response(reply.xml())
        except Exception:
            session.rollback()
            log.exception("queue webhook %s failed; the caller keeps waiting", request.path)
            return xml_response(Reply().pause(5).xml())

    return handle


def join(call, reply, now):
    """Put the caller in the operator queue (key 0 during staffed hours, with OPERATOR_QUEUE set)."""
    visit = queueing.join(db.session, call, current_app.config["OPERATOR_QUEUE"], now=now)
    calls.enter(db.session, call, "operator_queue", now=now)
    reply.say("queue.joining").enqueue(visit.queue_name, "voice.queue.wait", "voice.queue.left")


ESTIMATE_CAP_MINUTES = 30  # beyond this Twilio's average says little: no figure is read


def place_in_line(position, average_s):
    """How many callers are ahead, and roughly how long, when Twilio's figures support a number."""
    ahead = position - 1
    said = [("queue.ahead", {"ahead": ahead})] if ahead > 1 else ["queue.ahead_one"]
    minutes = math.ceil(average_s * position / 60) if average_s > 0 else None
    if minutes is not None and minutes <= ESTIMATE_CAP_MINUTES:
        said.append(("queue.wait_minutes", {"minutes": minutes}) if minutes > 1 else "queue.wait_one_minute")
    return said


@bp.post("/wait")
@queue_hook
def wait(call, visit, reply, now):
    """Twilio's wait URL: the caller's place and rough wait, then ~30 s listening for a 1."""
    config = current_app.config
    queueing.note_wait(visit, request.form, now=now)
    position, average = visit.position or 1, visit.average_wait_s or 0
    if (visit.waited_s or 0) >= config["QUEUE_WAIT_LIMIT_SECONDS"]:
        prompts = ["queue.long_wait"]
    elif position <= 1:
        prompts = ["queue.next", "queue.hold"]
    else:
        prompts = [*place_in_line(position, average), "queue.hold"]
    reply.listen("voice.queue.wait_key", prompts, timeout=config["QUEUE_ANNOUNCE_SECONDS"])


@bp.post("/wait/key")
@queue_hook
def wait_key(call, visit, reply, now):
    """1 while waiting: leave the queue for a callback request (the <Enqueue action> takes it)."""
    if digits() != "1" or visit.left_at is not None:
        return  # the document ends and Twilio plays the wait URL again
    long_wait = (visit.waited_s or 0) >= current_app.config["QUEUE_WAIT_LIMIT_SECONDS"]
    visit.leaving_for = "wait_limit" if long_wait else "asked_while_waiting"
    calls.record(db.session, call, "queue_leaving", visit.leaving_for, now=now)
    reply.leave()


@bp.post("/connect")
@queue_hook
def connect(call, visit, reply, now):
    """The <Queue url>: runs on the caller's side as an operator line takes them."""
    agent_sid = request.form.get("DequeingCallSid", "")[:64]
    queueing.bridged(db.session, visit, agent_sid, now=now)
    calls.record(db.session, call, "operator_answered", "queue", now=now)
    reply.say("queue.connecting")


@bp.post("/left")
@voice_step
def left(call, reply, now):
    """The <Enqueue action>: the caller left the queue; QueueResult says how."""
    session = db.session
    visit = queueing.current_visit(session, call)
    result = request.form.get("QueueResult", "")[:24]
    if visit is not None:
        queueing.left(visit, result, now=now)
    calls.record(session, call, "queue_left", result or "unknown", now=now)
    if result == "bridged":
        calls.finish(session, call, "operator_transfer", now=now)
        if request.form.get("CallStatus", "in-progress") != "in-progress":
            reply.hangup()  # the caller hung up on the operator: nobody is left to rate the call
            return
        farewell(call, reply, now=now, context="operator", operator_id=visit.operator_id if visit else None)
    elif result == "leave" and visit is not None and visit.leaving_for:
        reply.redirect("voice.callback.start", reason=visit.leaving_for)
    elif result in ("hangup", "redirected"):
        reply.hangup()
    else:
        reply.say("queue.failed").redirect("voice.callback.offer", reason="queue_failed")
