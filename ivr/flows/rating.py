"""The satisfaction question: 1 satisfied, 2 basically satisfied, 3 dissatisfied (then one reason)."""

from flask import Blueprint

from ivr.operators import ratings
from ivr.voice.webhook import voice_step

bp = Blueprint("rating", __name__, url_prefix="/rating")


def farewell(turn, *, context="self_service", operator_id=None):
    """End a call: ask the one rating question if this call has earned it, else say goodbye."""
    session, call, reply = turn.session, turn.call, turn.reply
    if ratings.may_ask(session, call, context):
        ratings.start(session, call, context, now=turn.now, operator_id=operator_id)
        reply.ask("voice.rating.answer", ["rating.ask"], num_digits=1)
        return
    reply.say("common.goodbye").hangup()


@bp.post("")
@voice_step
def answer(turn):
    """A score ends the call with thanks; 3 first asks why; silence (or any other key) skips it."""
    score = ratings.answer(turn.session, turn.call, turn.keys, now=turn.now)
    if score is None:
        turn.reply.say("common.goodbye").hangup()
    elif score == 3:
        turn.reply.ask("voice.rating.reason", ["rating.ask_reason"], num_digits=1)
    else:
        turn.reply.say("rating.thanks").hangup()


@bp.post("/reason")
@voice_step
def reason(turn):
    """One reason digit, kept if it is one of the list; the call ends either way."""
    ratings.give_reason(turn.session, turn.call, turn.keys, now=turn.now)
    turn.reply.say("rating.thanks").hangup()
