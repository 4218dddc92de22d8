"""The operator line: an operator's phone calls here to take the next caller from the queue.

Twilio's <Queue url> runs on the caller's side (docs: "executed on the queued caller's end"),
so the operator hears who is coming here, before <Dial><Queue>: the longest-waiting caller not
announced to another line, which is the one Twilio hands over (its queue is first in, first out).
Only a call that keyed its line's PIN is told anything or reserves anyone (ivr/operators/lines.py).
"""

from flask import Blueprint, current_app, request

from ivr.calendar import clock
from ivr.operators import lines
from ivr.operators import queue as queueing
from ivr.store import db
from ivr.voice import inbound
from ivr.voice.replies import send
from ivr.voice.twiml import Reply
from ivr.voice.webhook import digits

bp = Blueprint("agent", __name__, url_prefix="/agent")
MAX_PIN_TRIES = 3  # wrong PINs in one call before it is ended (the throttle counts across calls)


def agent_reply():
    return Reply(current_app.config["AGENT_LANGUAGE"])


@bp.post("")
def start():
    """A proven operator line hears the next caller and takes them; with nobody waiting it checks
    again every few seconds. Any other call is asked for the line's PIN first, and hears nothing
    about any caller until it is keyed (caller ID is forgeable)."""
    return answer_line(offer_or_ask)


@bp.post("/pin")
def pin():
    """The operator keyed the line's PIN: a good one takes the next caller at once."""
    return answer_line(check_pin)


def answer_line(step):
    """Run `step(session, line, reply, now)` for a registered line; refuse any other phone."""
    session, reply = db.session, agent_reply()
    try:
        region = current_app.config.get("DEFAULT_REGION", "CN")
        line = lines.line_calling(session, inbound.field("From"), inbound.field("StirVerstat"), region)
        if line is None:
            current_app.logger.warning("the operator line refused a phone that is not an operator line")
            reply.say("agent.not_registered").hangup()
        else:
            step(session, line, reply, clock.now())
        session.commit()
    except Exception:
        session.rollback()
        current_app.logger.exception("the operator line failed")
        reply = agent_reply().say("common.system_error").redirect("voice.agent.start")
    return send(reply)


def agent_sid():
    return inbound.field("CallSid")[:64]


def offer_or_ask(session, line, reply, now):
    if lines.is_proven(line, agent_sid(), now=now):
        offer_next(session, line, reply, now)
    else:
        ask_pin(reply, tries=1)


def ask_pin(reply, *, tries):
    reply.ask("voice.agent.pin", ["agent.ask_pin"], finish_on_key="#", timeout=10, query={"tries": tries})


def whole_tries(raw):
    return int(raw) if raw and raw.isdigit() and len(raw) < 3 else MAX_PIN_TRIES


def check_pin(session, line, reply, now):
    config = current_app.config
    tries = whole_tries(request.args.get("tries"))
    verdict = lines.prove(
        session,
        line,
        agent_sid(),
        digits(),
        lines.Limits.from_config(config),
        now=now,
        method=config["PASSWORD_HASH_METHOD"],
    )
    if verdict == "proven":
        offer_next(session, line, reply, now)
    elif verdict == "throttled":
        reply.say("agent.pin_throttled").hangup()
    elif tries < MAX_PIN_TRIES:
        ask_pin(reply.say("agent.pin_wrong"), tries=tries + 1)
    else:
        reply.say("agent.pin_wrong").say("common.goodbye").hangup()


def offer_next(session, line, reply, now):
    """Announce the longest-waiting caller to this proven line and take them (<Dial><Queue>)."""
    config, sid = current_app.config, agent_sid()
    visit = queueing.claim_next(session, sid, line.operator_id, now=now) if sid else None
    if visit is None or not config["OPERATOR_QUEUE"]:
        reply.ask("voice.agent.start", ["agent.nobody_waiting"], num_digits=1, timeout=10)
        return
    call = queueing.visit_call(session, visit)
    summary = queueing.summary(session, call, visit.came_from, reply.language)
    # The visit's own queue: callers aged 65 or over wait in the priority one.
    reply.say("agent.next_caller", summary=summary).dial_queue(
        visit.queue_name, "voice.queue.connect", "voice.agent.done", call_sid=call.call_sid
    )


@bp.post("/done")
def done():
    """The <Dial> ended: after a conversation, 1 takes the next caller; if nobody came, look again."""
    reply = agent_reply()
    if inbound.field("DialCallStatus") == "completed":
        reply.ask("voice.agent.next", ["agent.after_call"], num_digits=1)
    else:
        reply.say("agent.missed").redirect("voice.agent.start")
    return send(reply)


@bp.post("/next", endpoint="next")
def next_caller():
    reply = agent_reply()
    if digits() == "1":
        reply.redirect("voice.agent.start")
    else:
        reply.say("common.goodbye").hangup()
    return send(reply)
