"""The operator line: an operator's phone calls here to take the next caller from the queue.

Twilio's <Queue url> runs on the caller's side (docs: "executed on the queued caller's end"),
so the operator hears who is coming here, before <Dial><Queue>: the longest-waiting caller not
announced to another line, which is the one Twilio hands over (its queue is first in, first out).
Only a call that keyed its line's PIN is told anything or reserves anyone (ivr/operators/lines.py).
"""

import logging

from flask import Blueprint

from ivr.operators import lines
from ivr.operators import queue as queueing
from ivr.voice.hooks import line_hook
from ivr.voice.twiml import Reply

bp = Blueprint("agent", __name__, url_prefix="/agent")
log = logging.getLogger(__name__)
MAX_PIN_TRIES = 3  # wrong PINs in one call before it is ended (the throttle counts across calls)


def after_failure(language):
    return Reply(language).say("common.system_error").redirect("voice.agent.start")


def registered_line(step):
    """Run `step(turn, line)` for a registered line; refuse any other phone."""

    @line_hook(failed=after_failure)
    def hook(turn):
        region = turn.settings.get("DEFAULT_REGION", "CN")
        line = lines.line_calling(turn.session, turn.field("From"), turn.field("StirVerstat"), region)
        if line is None:
            log.warning("the operator line refused a phone that is not an operator line")
            turn.reply.say("agent.not_registered").hangup()
        else:
            step(turn, line)

    return hook


@bp.post("")
def start():
    """A proven operator line hears the next caller and takes them; with nobody waiting it checks
    again every few seconds. Any other call is asked for the line's PIN first, and hears nothing
    about any caller until it is keyed (caller ID is forgeable)."""
    return registered_line(offer_or_ask)()


@bp.post("/pin")
def pin():
    """The operator keyed the line's PIN: a good one takes the next caller at once."""
    return registered_line(check_pin)()


def agent_sid(turn):
    return turn.field("CallSid")[:64]


def offer_or_ask(turn, line):
    if lines.is_proven(line, agent_sid(turn), now=turn.now):
        offer_next(turn, line)
    else:
        ask_pin(turn.reply, tries=1)


def ask_pin(reply, *, tries):
    reply.ask("voice.agent.pin", ["agent.ask_pin"], finish_on_key="#", timeout=10, query={"tries": tries})


def whole_tries(raw):
    return int(raw) if raw and raw.isdigit() and len(raw) < 3 else MAX_PIN_TRIES


def check_pin(turn, line):
    config, reply = turn.settings, turn.reply
    tries = whole_tries(turn.query.get("tries"))
    limits = lines.Limits.from_config(config)
    method = config["PASSWORD_HASH_METHOD"]
    verdict = lines.prove(turn.session, line, agent_sid(turn), turn.keys, limits, now=turn.now, method=method)
    if verdict == "proven":
        offer_next(turn, line)
    elif verdict == "throttled":
        reply.say("agent.pin_throttled").hangup()
    elif tries < MAX_PIN_TRIES:
        ask_pin(reply.say("agent.pin_wrong"), tries=tries + 1)
    else:
        reply.say("agent.pin_wrong").say("common.goodbye").hangup()


def offer_next(turn, line):
    """Announce the longest-waiting caller to this proven line and take them (<Dial><Queue>)."""
    session, reply, sid = turn.session, turn.reply, agent_sid(turn)
    visit = queueing.claim_next(session, sid, line.operator_id, now=turn.now) if sid else None
    if visit is None or not turn.settings["OPERATOR_QUEUE"]:
        reply.ask("voice.agent.start", ["agent.nobody_waiting"], num_digits=1, timeout=10)
        return
    call = queueing.visit_call(session, visit)
    if turn.engine == "jambonz":  # its dequeue takes this very caller; no <Queue url> runs at the bridge
        queueing.taking(visit, line.operator_id)
    summary = queueing.summary(session, call, visit.came_from, reply.language)
    # The visit's own queue: callers aged 65 or over wait in the priority one.
    reply.say("agent.next_caller", summary=summary).dial_queue(
        visit.queue_name, "voice.queue.connect", "voice.agent.done", call_sid=call.call_sid
    )


@bp.post("/done")
@line_hook(failed=after_failure)
def done(turn):
    """The <Dial> ended: after a conversation, 1 takes the next caller; if nobody came, look again."""
    if turn.field("DialCallStatus") == "completed":
        turn.reply.ask("voice.agent.next", ["agent.after_call"], num_digits=1)
    else:
        turn.reply.say("agent.missed").redirect("voice.agent.start")


@bp.post("/next", endpoint="next")
@line_hook(failed=after_failure)
def next_caller(turn):
    if turn.keys == "1":
        turn.reply.redirect("voice.agent.start")
    else:
        turn.reply.say("common.goodbye").hangup()
