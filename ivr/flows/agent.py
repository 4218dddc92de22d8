"""The operator line: an operator's phone calls here to take the next caller from the queue.

Twilio's <Queue url> runs on the caller's side (docs: "executed on the queued caller's end"),
so the operator hears who is coming here, before <Dial><Queue>: the longest-waiting caller not
announced to another line, which is the one Twilio hands over (its queue is first in, first out).
"""

from flask import Blueprint, current_app, request

from ivr.calendar import clock
from ivr.operators import queue as queueing
from ivr.store import db
from ivr.voice.twiml import Reply, xml_response
from ivr.voice.webhook import digits

bp = Blueprint("agent", __name__, url_prefix="/agent")


def agent_reply():
    return Reply(current_app.config["AGENT_LANGUAGE"])


@bp.post("")
def start():
    """Announce the next caller and take them; with nobody waiting, check again every few seconds.

    Only phones registered with `flask --app app operator-line` are served."""
    session, config, reply = db.session, current_app.config, agent_reply()
    agent_sid = request.form.get("CallSid", "")[:64]
    now = clock.now()
    try:
        operator_id = queueing.operator_for_line(session, request.form.get("From", ""))
        if operator_id is None:
            # Who is coming includes a card's last four: only a registered operator's phone hears it.
            current_app.logger.warning("the operator line refused a phone that is not an operator line")
            reply.say("agent.not_registered").hangup()
            session.commit()
            return xml_response(reply.xml())
        visit = queueing.claim_next(session, agent_sid, operator_id, now=now) if agent_sid else None
        if visit is None or not config["OPERATOR_QUEUE"]:
            reply.ask("voice.agent.start", ["agent.nobody_waiting"], num_digits=1, timeout=10)
        else:
            call = queueing.visit_call(session, visit)
            summary = queueing.summary(session, call, visit.came_from, reply.language)
            # The visit's own queue: callers aged 65 or over wait in the priority one.
            reply.say("agent.next_caller", summary=summary).dial_queue(
                visit.queue_name, "voice.queue.connect", "voice.agent.done"
            )
        session.commit()
    except Exception:
        session.rollback()
        current_app.logger.exception("the operator line failed")
        reply = agent_reply().say("common.system_error").redirect("voice.agent.start")
    return xml_response(reply.xml())


@bp.post("/done")
def done():
    """The <Dial> ended: after a conversation, 1 takes the next caller; if nobody came, look again."""
    reply = agent_reply()
    if request.form.get("DialCallStatus", "") == "completed":
        reply.ask("voice.agent.next", ["agent.after_call"], num_digits=1)
    else:
        reply.say("agent.missed").redirect("voice.agent.start")
    return xml_response(reply.xml())


@bp.post("/next", endpoint="next")
def next_caller():
    reply = agent_reply()
    if digits() == "1":
        reply.redirect("voice.agent.start")
    else:
        reply.say("common.goodbye").hangup()
    return xml_response(reply.xml())
