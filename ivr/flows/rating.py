"""The satisfaction question: 1 satisfied, 2 basically satisfied, 3 dissatisfied (then one reason)."""

from flask import Blueprint

from ivr.operators import ratings
from ivr.store import db
from ivr.voice.webhook import digits, voice_step

bp = Blueprint("rating", __name__, url_prefix="/rating")


def farewell(call, reply, *, now, context="self_service", operator_id=None):
    """End a call: ask the one rating question if this call has earned it, else say goodbye."""
    session = db.session
    if ratings.may_ask(session, call, context):
        ratings.start(session, call, context, now=now, operator_id=operator_id)
        reply.ask("voice.rating.answer", ["rating.ask"], num_digits=1)
        return
    reply.say("common.goodbye").hangup()


@bp.post("")
@voice_step
def answer(call, reply, now):
    """A score ends the call with thanks; 3 first asks why; silence (or any other key) skips it."""
    score = ratings.answer(db.session, call, digits(), now=now)
    if score is None:
        reply.say("common.goodbye").hangup()
    elif score == 3:
        reply.ask("voice.rating.reason", ["rating.ask_reason"], num_digits=1)
    else:
        reply.say("rating.thanks").hangup()


@bp.post("/reason")
@voice_step
def reason(call, reply, now):
    """One reason digit, kept if it is one of the list; the call ends either way."""
    ratings.give_reason(db.session, call, digits(), now=now)
    reply.say("rating.thanks").hangup()
