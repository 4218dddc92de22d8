"""Keys every sub-menu shares: 9 hears it again (more slowly), * goes back to the main menu, 0 a
person, silence ends the call (with the rating question when the call reached an outcome)."""

from ivr.flows.menu import PERSON_KEY, REPEAT_KEY
from ivr.flows.rating import farewell
from ivr.voice import answers, calls
from ivr.voice.turn_taking import retry_or_give_up


def navigate(turn, key, ask, *, silence_ends=True):
    """Handle 9, *, 0 and silence for a sub-menu asked by `ask(reply)`; False if `key` is for the caller's flow."""
    session, call, reply, now = turn.session, turn.call, turn.reply, turn.now
    if key == REPEAT_KEY:
        calls.accept_input(session, call, "repeat", now=now)
        ask(reply.slower())
    elif key == PERSON_KEY:
        to_person(turn)
    elif key == "*":
        calls.accept_input(session, call, "back", now=now)
        reply.redirect("voice.welcome.menu")
    elif key == "" and silence_ends:
        say_goodbye(turn)
    else:
        return False
    return True


def say_goodbye(turn):
    """Silence at a sub-menu: the hotline ends this call, not the caller, so it must not count as abandoned."""
    call = turn.call
    calls.record(turn.session, call, "left_quietly", now=turn.now)
    outcome = "operator_closed" if call.step == "operator_closed" else "hotline_goodbye"
    calls.finish(turn.session, call, outcome, now=turn.now)
    farewell(turn)


def invalid(turn, key, ask):
    """A key the sub-menu does not offer (or silence where it matters): explain and ask again."""
    retry_or_give_up(turn, answers.reason(key), ask)


def to_person(turn):
    """0, from any prompt: a person (outside staffed hours, the operator flow offers a call back)."""
    calls.accept_input(turn.session, turn.call, "operator", now=turn.now)
    turn.reply.redirect("voice.operator.start")
