"""Keys every sub-menu shares: 9 hears it again, * goes back to the main menu, silence ends the call
(with the rating question when the call reached an outcome)."""

from ivr.flows.rating import farewell
from ivr.store import db
from ivr.voice import calls
from ivr.voice.webhook import retry_or_give_up


def navigate(call, reply, key, ask, *, now, silence_ends=True):
    """Handle 9, * and silence for a sub-menu asked by `ask(reply)`; False if `key` is for the caller's flow."""
    session = db.session
    if key == "9":
        calls.accept_input(session, call, "repeat", now=now)
        ask(reply)
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
    reason = "common.no_input" if key == "" else "common.invalid_key"
    retry_or_give_up(db.session, call, reply, reason, ask, now=now)
