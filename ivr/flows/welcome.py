"""Greeting, language choice and the main menu."""

from flask import Blueprint

from .. import calls
from ..store import db
from .webhook import digits, retry_or_give_up, voice_step

bp = Blueprint("welcome", __name__)

LANGUAGE_KEYS = {"1": "zh", "2": "en", "": "zh"}
# Main-menu keys and the purpose each starts.
MENU = {"1": "report", "2": "cancel", "3": "progress", "4": "outlets", "0": "operator"}
# Purpose -> the endpoint that starts it (cancel checks ALLOW_PHONE_CANCEL before identifying).
PURPOSE_START = {
    "report": "voice.identify.start",
    "cancel": "voice.cancel.start",
    "progress": "voice.identify.start",
    "outlets": "voice.outlets.start",
    "operator": "voice.operator.start",
}


def ask_language(reply):
    reply.ask(
        "voice.welcome.language",
        [("welcome.greeting", {"language": "zh"}), ("welcome.greeting", {"language": "en"}),
         ("welcome.language_choice", {"language": "zh"}),
         ("welcome.language_choice", {"language": "en"})],
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
@voice_step
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
@voice_step
def menu(call, reply, now):
    """Say the main menu (other flows come back here)."""
    calls.enter(db.session, call, "menu", now=now)
    ask_menu(reply)


@bp.post("/menu/choice")
@voice_step
def choose(call, reply, now):
    """One key picks what the caller came for."""
    session, key = db.session, digits()
    if key == "9":
        calls.accept_input(session, call, "repeat", now=now)
        ask_menu(reply)
        return
    purpose = MENU.get(key)
    if purpose is None:
        reason = "common.no_input" if key == "" else "common.invalid_key"
        retry_or_give_up(session, call, reply, reason, ask_menu, now=now)
        return
    calls.accept_input(session, call, f"menu={purpose}", now=now)
    call.purpose = purpose
    reply.redirect(PURPOSE_START[purpose])
