"""Greeting, language choice and the main menu."""

from typing import NamedTuple

from flask import Blueprint

from ivr.store import db
from ivr.voice import calls
from ivr.voice.webhook import digits, retry_or_give_up, voice_step

bp = Blueprint("welcome", __name__)

LANGUAGE_KEYS = {"1": "zh", "2": "en", "": "zh"}


class Route(NamedTuple):
    purpose: str  # kept on the call: the flow after the identity check reads it
    start: str  # the endpoint the caller is sent to


# The main menu, the one place that says which key leads where (the words: prompts "menu.options").
# Report and progress need the identity check first; cancel checks ALLOW_PHONE_CANCEL before it.
MAIN_MENU = {
    "1": Route("report", "voice.identify.start"),
    "2": Route("cancel", "voice.cancel.start"),
    "3": Route("progress", "voice.identify.start"),
    "4": Route("outlets", "voice.outlets.start"),
    "0": Route("operator", "voice.operator.start"),
}
REPEAT_KEY = "9"


def ask_language(reply):
    reply.ask(
        "voice.welcome.language",
        [
            ("welcome.greeting", {"language": "zh"}),
            ("welcome.greeting", {"language": "en"}),
            ("welcome.language_choice", {"language": "zh"}),
            ("welcome.language_choice", {"language": "en"}),
        ],
        num_digits=1,
    )


def ask_menu(reply):
    reply.ask("voice.welcome.choose", ["menu.options"], num_digits=1)


@bp.post("/incoming")
@voice_step(starts_call=True)
def incoming(call, reply, now):
    """A new call: greet in both languages and ask which one the caller wants."""
    calls.enter(db.session, call, "language", now=now)
    ask_language(reply)


@bp.post("/language")
@voice_step(writes_call_only=True)
def language(call, reply, now):
    """1 Mandarin, 2 English; silence means Mandarin."""
    chosen = LANGUAGE_KEYS.get(digits())
    if chosen is None:
        retry_or_give_up(db.session, call, reply, "common.invalid_key", ask_language, now=now)
        return
    call.language = reply.language = chosen
    calls.accept_input(db.session, call, f"language={chosen}", now=now)
    calls.enter(db.session, call, "menu", now=now)
    ask_menu(reply)


@bp.post("/menu")
@voice_step(runs_in_place=True, writes_call_only=True)
def menu(call, reply, now):
    """Say the main menu (other flows come back here)."""
    calls.enter(db.session, call, "menu", now=now)
    ask_menu(reply)


@bp.post("/menu/choice")
@voice_step(writes_call_only=True)
def choose(call, reply, now):
    """One key picks what the caller came for."""
    session, key = db.session, digits()
    if key == REPEAT_KEY:
        calls.accept_input(session, call, "repeat", now=now)
        ask_menu(reply)
        return
    route = MAIN_MENU.get(key)
    if route is None:
        reason = "common.no_input" if key == "" else "common.invalid_key"
        retry_or_give_up(session, call, reply, reason, ask_menu, now=now)
        return
    calls.accept_input(session, call, f"menu={route.purpose}", now=now)
    call.purpose = route.purpose
    reply.redirect(route.start)
