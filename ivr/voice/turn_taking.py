"""Taking a turn: the call moves on one turn, the step runs (and the steps it leads to that ask
nothing of the engine), and the reply is kept with the request it answers. What a step calls
when an entry is wrong or a request is out of step lives here too: every flow shares them."""

from dataclasses import replace

from flask import current_app

from ivr.voice import calls
from ivr.voice.replies import render
from ivr.voice.turns import read_request
from ivr.voice.twiml import Reply

STEPS_PER_WEBHOOK = 4  # a reply runs at most this many steps in a row before Twilio must come back


class SlowWorkFirst(Exception):
    """Raised by a step that holds a lock and finds slow work to do: do it first, with no lock held."""


def answered_before(call, digest):
    """This very request was answered already (Twilio retried it): its stored reply is the answer."""
    return call.last_request_digest == digest and call.last_reply


def take_turn(session, call, step, now, items, digest, *, stale=False, **kwargs):
    """Move the call to its next turn, run `step(turn)` (or say the request is out of step) and the
    steps it leads to in place, and keep the reply with the request it answers; the reply's XML.

    Nothing is written here: the call's changes and its events wait in `session` for the
    runner's `calls.write_held` (or, on SQLite's unlocked path, `calls.write_if_still_at`).
    """
    call.turn += 1
    turn = read_request(call, Reply(call.language, call.turn), now, session, items)
    # One UPDATE of the call's row at commit, not one per query the step makes.
    with session.no_autoflush:
        if stale:
            out_of_step(turn)
        else:
            step(turn, **kwargs)
        go_on(turn)
    body = render(turn.reply)
    call.last_request_digest, call.last_reply = digest, body
    return body


def go_on(turn):
    """Run here the step a reply ends by redirecting to, when that step needs nothing from Twilio.

    A <Redirect> costs the caller a round trip of silence and the hotline a whole webhook (the
    call's row locked, read and written again) only to reach a step that asks for nothing, such
    as the main menu or the identity check's first question. Its words join this reply instead:
    the caller hears the same, sooner. A chain of such steps is cut after STEPS_PER_WEBHOOK, and
    the last redirect is then left for Twilio to follow. The steps run here see no keys, words
    or query: what the caller sent was for the step that asked.
    """
    quiet = replace(turn, keys="", said=None, query={})
    for _ in range(STEPS_PER_WEBHOOK):
        endpoint = turn.reply.redirected_to()
        step = getattr(current_app.view_functions.get(endpoint), "in_place", None)
        if step is None:
            return
        turn.reply.drop_redirect()
        step(quiet)


def out_of_step(turn):
    """A request this call cannot be at (stale, replayed or forged): say so, back to the menu."""
    calls.record(turn.session, turn.call, "out_of_step", turn.path, now=turn.now)
    turn.reply.say("common.out_of_step").redirect("voice.welcome.menu")


def retry_or_give_up(turn, reason_key, ask):
    """A wrong or missing entry: explain and ask again; after the last try, on to a person (the
    operator flow: outside staffed hours it offers a call back and a report at once)."""
    session, call, reply, now = turn.session, turn.call, turn.reply, turn.now
    if calls.reject_input(session, call, reason_key, limit=turn.settings["MAX_STEP_TRIES"], now=now):
        handed_over = call.outcome == "gave_up" or call.step.startswith(("operator", "callback"))
        calls.finish(session, call, "gave_up", now=now)
        if handed_over:  # a person (or a call back) was already offered on this call
            reply.say(reason_key).say("common.too_many_tries_goodbye").hangup()
        else:  # no dead end: a person, or outside staffed hours what can be done now
            reply.say(reason_key).say("common.too_many_tries").redirect("voice.operator.start")
        return
    reply.say(reason_key)
    ask(reply)
