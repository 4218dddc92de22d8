"""Keys every sub-menu shares: 9 hears it again (more slowly), * goes back to the main menu, 0 a
person, silence ends the call (with the rating question when the call reached an outcome)."""

from ivr.flows.menu import PERSON_KEY, REPEAT_KEY
from ivr.flows.rating import farewell
from ivr.store import db
from ivr.voice import answers, calls
from ivr.voice.webhook import retry_or_give_up


def navigate(call, reply, key, ask, *, now, silence_ends=True):
    """Handle 9, *, 0 and silence for a sub-menu asked by `ask(reply)`; False if `key` is for the caller's flow."""
    session = db.session
    if key == REPEAT_KEY:
        calls.accept_input(session, call, "repeat", now=now)
        ask(reply.slower())
    elif key == PERSON_KEY:
        to_person(call, reply, now=now)
    elif key == "*":
        calls.accept_input(session, call, "back", now=now)
        reply.redirect("voice.welcome.menu")
    elif key == "" and silence_ends:
        calls.record(session, call, "left_quietly", now=now)
        # The hotline ends this call, not the caller: it must not count as abandoned.
        calls.finish(session, call, "operator_closed" if call.step == "operator_closed" else "hotline_goodbye", now=now)
        farewell(call, reply, now=now)
    else:
        return False
    return True


def invalid(call, reply, key, ask, *, now):
    """A key the sub-menu does not offer (or silence where it matters): explain and ask again."""
    retry_or_give_up(db.session, call, reply, answers.reason(key), ask, now=now)


def to_person(call, reply, *, now):
    """0, from any prompt: a person (outside staffed hours, the operator flow offers a call back)."""
    calls.accept_input(db.session, call, "operator", now=now)
    reply.redirect("voice.operator.start")
