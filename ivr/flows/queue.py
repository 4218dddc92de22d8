"""Waiting for an operator in Twilio's queue: the wait music speaks, 1 asks for a call back.

Twilio requests the wait URL again and again while the caller waits, so the wait and connect
URLs keep the call's turn as it is: the <Enqueue action> URL given when they joined stays valid.

jambonz's wait music hears no keys (its waitHook allows only say, play, pause, leave), so from the
second round on a round ends with `leave`: the caller steps out of jambonz's queue to a question
that listens ("1 for a call back, or stay on the line"), and silence puts them back (`stay`). The
hotline's own row is their place (operator lines take callers in its order, by callSid) and is
kept: one stay in the queue, measured from when they first joined.
"""

import math
from functools import wraps

from flask import Blueprint

from ivr.flows.rating import farewell
from ivr.operators import lost_callers
from ivr.operators import queue as queueing
from ivr.voice import calls
from ivr.voice.hooks import call_hook
from ivr.voice.turn_taking import out_of_step
from ivr.voice.twiml import Reply
from ivr.voice.webhook import voice_step

bp = Blueprint("queue", __name__, url_prefix="/queue")
WAIT_FIELDS = ("QueuePosition", "QueueTime", "AvgQueueTime")


def queue_hook(view):
    """Like voice_step for a queued call, without the turn: `view(turn, visit)`, run only while
    the call has a stay in the queue."""

    @call_hook(unknown=lambda: Reply().pause(1), failed=lambda: Reply().pause(5), what="queue webhook")
    @wraps(view)
    def hook(turn):
        visit = queueing.current_visit(turn.session, turn.call)
        if visit is not None:
            view(turn, visit)

    return hook


def join(turn):
    """Put the caller in the operator queue (key 0 during staffed hours, with OPERATOR_QUEUE set)."""
    session, call, now = turn.session, turn.call, turn.now
    visit = queueing.join(session, call, turn.settings["OPERATOR_QUEUE"], now=now)
    calls.enter(session, call, "operator_queue", now=now)
    joining = "queue.joining" if turn.keys_while_queued() else "queue.joining_no_keys"
    turn.reply.say(joining).enqueue(visit.queue_name, "voice.queue.wait", "voice.queue.left")


# jambonz: how long a caller stepped out of the queue is listened to. With the question (~7 s) it
# stays well inside the 20 s an operator line's dequeue waits for them (Reply.dial_queue).
OFFER_LISTEN_SECONDS = 5
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
def wait(turn, visit):
    """The wait URL: the caller's place and rough wait, then ~30 s listening for a 1.

    An engine that hears no keys while queued (jambonz) promises none, and past the wait limit
    takes the caller out of the queue to the callback request it would have offered."""
    config, reply, keys = turn.settings, turn.reply, turn.keys_while_queued()
    note_the_wait(turn, visit, keys)
    too_long = (visit.waited_s or 0) >= config["QUEUE_WAIT_LIMIT_SECONDS"]
    if too_long and not keys:
        reply.say("queue.long_wait_leaving")
        leave_for_callback(turn, visit, "wait_limit")
        return
    reply.listen("voice.queue.wait_key", announcement(visit, keys, too_long), timeout=config["QUEUE_ANNOUNCE_SECONDS"])
    if not keys and visit.waited_s >= config["QUEUE_ANNOUNCE_SECONDS"]:
        reply.leave()  # out, to be asked (stepped_out): the round's quiet ends with a question that hears keys


def note_the_wait(turn, visit, keys):
    """This round's figures from the engine; what jambonz does not report, from the hotline's rows."""
    queueing.note_wait(visit, {name: turn.field(name) for name in WAIT_FIELDS}, now=turn.now)
    if visit.average_wait_s is None:  # jambonz reports no average
        visit.average_wait_s = queueing.average_wait(turn.session, visit.queue_name, now=turn.now)
    if not keys:  # jambonz counts queueTime from each enqueue; the stay began when they first joined
        visit.waited_s = max(visit.waited_s or 0, queueing.seconds_between(visit.enqueued_at, turn.now))


def announcement(visit, keys, too_long):
    """What a round of the wait music says: the long-wait apology, or the caller's place and the hold line."""
    if too_long:
        return ["queue.long_wait"]
    hold = "queue.hold" if keys else "queue.hold_no_keys"
    if (visit.position or 1) <= 1:
        return ["queue.next", hold]
    return [*place_in_line(visit.position, visit.average_wait_s or 0), hold]


@bp.post("/wait/key")
@queue_hook
def wait_key(turn, visit):
    """1 while waiting: leave the queue for a callback request (the <Enqueue action> takes it)."""
    if turn.keys != "1" or visit.left_at is not None:
        return  # the document ends and Twilio plays the wait URL again
    leave_for_callback(turn, visit, callback_reason(turn, visit))


def callback_reason(turn, visit):
    """Why a waiting caller who asked for a call back gets one: a long wait, or they asked."""
    long_wait = (visit.waited_s or 0) >= turn.settings["QUEUE_WAIT_LIMIT_SECONDS"]
    return "wait_limit" if long_wait else "asked_while_waiting"


def leave_for_callback(turn, visit, reason):
    """Out of the queue, to a callback request (the <Enqueue action> takes the caller there)."""
    leaving(turn, visit, reason)
    turn.reply.leave()


def leaving(turn, visit, reason):
    visit.leaving_for = reason
    calls.record(turn.session, turn.call, "queue_leaving", reason, now=turn.now)


@bp.post("/connect")
@queue_hook
def connect(turn, visit):
    """The <Queue url>: runs on the caller's side as an operator line takes them."""
    agent_sid = turn.field("DequeingCallSid")[:64]
    if visit.left_at is not None or not agent_sid:
        return  # this stay in the queue is over, or no operator line is taking it
    queueing.bridged(turn.session, visit, agent_sid, now=turn.now)
    calls.record(turn.session, turn.call, "operator_answered", "queue", now=turn.now)
    turn.reply.say("queue.connecting")


def stepped_out(turn, visit, result):
    """jambonz: the wait music's own `leave`, with no call back asked for: the caller is out of the
    queue only to be asked whether they want one; their stay goes on."""
    open_stay = visit is not None and visit.left_at is None and not visit.leaving_for
    return not turn.keys_while_queued() and result == "leave" and open_stay


@bp.post("/stay")
@voice_step
def stay(turn):
    """The answer to "1 for a call back, or stay on the line": back in the queue in the same stay."""
    visit = queueing.current_visit(turn.session, turn.call)
    if visit is None or visit.left_at is not None or visit.leaving_for:
        out_of_step(turn)
    elif turn.keys == "1":
        leaving(turn, visit, callback_reason(turn, visit))  # already out of the queue: no <Leave>
        gone_for_callback(turn, visit)
    else:
        visit.last_wait_at = turn.now  # waiting again from here (jambonz's queueTime restarts)
        calls.record(turn.session, turn.call, "queue_stayed", visit.queue_name, now=turn.now)
        turn.reply.enqueue(visit.queue_name, "voice.queue.wait", "voice.queue.left")


def gone_for_callback(turn, visit):
    """The stay ends as the caller leaves for the call back they asked for."""
    queueing.left(visit, "leave", now=turn.now)
    calls.record(turn.session, turn.call, "queue_left", "leave", now=turn.now)
    turn.reply.redirect("voice.callback.start", reason=visit.leaving_for)


@bp.post("/left")
@voice_step
def left(turn):
    """The <Enqueue action>: the caller left the queue; QueueResult says how."""
    visit = queueing.current_visit(turn.session, turn.call)
    result = turn.field("QueueResult")[:24]
    if stepped_out(turn, visit, result):
        turn.reply.ask("voice.queue.stay", ["queue.offer_callback"], num_digits=1, timeout=OFFER_LISTEN_SECONDS)
    elif stay_ended(turn, visit, result):
        after_the_queue(turn, visit, result)
    else:
        out_of_step(turn)  # never queued, already left, or "bridged" with no operator line taking it


def stay_ended(turn, visit, result):
    """Close the caller's stay as the engine reports it; False, writing nothing, for a forged or stale report."""
    session, call, now = turn.session, turn.call, turn.now
    if queueing.taken_unannounced(visit, result, engine=turn.engine):
        # jambonz has no <Queue url>: the proven operator line that was told of this caller took them.
        queueing.taken_late(session, visit, queueing.whole(turn.field("QueueTime")), now=now)
        calls.record(session, call, "operator_answered", "queue", now=now)
    elif not queueing.may_leave(visit, result):
        return False
    queueing.left(visit, result, now=now)
    calls.record(session, call, "queue_left", result or "unknown", now=now)
    return True


def after_the_queue(turn, visit, result):
    """Where the caller goes once their stay is over: rating the operator, a call back, or goodbye."""
    session, call, reply, now = turn.session, turn.call, turn.reply, turn.now
    if result == "bridged":
        calls.finish(session, call, "operator_transfer", now=now)
        if turn.field("CallStatus", "in-progress") != "in-progress":
            reply.hangup()  # the caller hung up on the operator: nobody is left to rate the call
        else:
            farewell(turn, context="operator", operator_id=visit.operator_id)
    elif result == "leave" and visit.leaving_for:
        reply.redirect("voice.callback.start", reason=visit.leaving_for)
    elif result in ("hangup", "redirected"):
        if result == "hangup":
            lost_callers.catch(session, call, visit, turn.settings, now=now)
        reply.hangup()
    else:
        reply.say("queue.failed").redirect("voice.callback.offer", reason="queue_failed")
