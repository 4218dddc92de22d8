"""The main menu, in one table: which key leads where, where a verified caller goes next, and
the words that say it. The greeting, the identity check and the operator flow all read it, so
each key is said once, the same way, on every branch."""

from typing import NamedTuple

from flask import current_app

from ivr.calendar import staffed_hours
from ivr.prompts import text
from ivr.voice import answers


class Route(NamedTuple):
    key: str
    purpose: str  # kept on the call: the flow after the identity check reads it
    start: str  # the endpoint the caller is sent to
    after_verified: str | None  # where a verified caller goes next (None: no identity check)
    label: str  # prompt key of what the key is for ("menu.label.report": 挂失)


# Report and progress need the identity check first; cancel checks ALLOW_PHONE_CANCEL before it.
MENU = (
    Route("1", "report", "voice.identify.start", "voice.preloss.offer", "menu.label.report"),
    Route("2", "cancel", "voice.cancel.start", "voice.cancel.offer", "menu.label.cancel"),
    Route("3", "progress", "voice.identify.start", "voice.progress.status", "menu.label.progress"),
    Route("4", "outlets", "voice.outlets.start", None, "menu.label.outlets"),
    Route("0", "operator", "voice.operator.start", None, "menu.label.operator"),
)
BY_KEY = {route.key: route for route in MENU}
BY_PURPOSE = {route.purpose: route for route in MENU}
AFTER_VERIFIED = {route.purpose: route.after_verified for route in MENU if route.after_verified}
PERSON_KEY = BY_PURPOSE["operator"].key  # from the greeting and from every prompt
REPEAT_KEY = "9"
OTHER_LANGUAGE_KEY = "8"  # at the greeting: English (and, in English, back to Mandarin)
SPOKEN_IN_MENU = ("report", "cancel", "progress", "outlets")  # 0 is said in the greeting
YES_KEY, NO_KEY, BACK_KEY = "1", "2", "*"  # every confirmation: 1 yes, 2 no; * back
# What words stand for as keys (ivr/voice/answers.py): a purpose its menu key, yes 1, no 2.
SPOKEN_KEYS = {route.purpose: route.key for route in MENU} | {
    "yes": YES_KEY,
    "no": NO_KEY,
    "repeat": REPEAT_KEY,
    "menu": BACK_KEY,
}


def chosen(call, listen, *, now):
    """What the caller chose: keys, or at a question that listens (`listen`) the keys their
    words stand for. The one question every step asks of a request."""
    return answers.answer(call, listen, SPOKEN_KEYS, now=now)


def choice(purpose, language):
    """One menu item as said: 挂失请按1 / To report a lost card, press 1."""
    route = BY_PURPOSE[purpose]
    return text("menu.item", language, label=text(route.label, language), digit=route.key)


def options(language):
    """The menu's items, in key order, as one sentence."""
    joiner = "；" if language == "zh" else " "
    return {"items": joiner.join(choice(purpose, language) for purpose in SPOKEN_IN_MENU)}


def staffed_ever():
    """Are operators ever on duty (OPERATOR_HOURS set)? If not, no sentence mentions them."""
    return bool(staffed_hours.parse(current_app.config["OPERATOR_HOURS"]))


def staffed_now(now):
    config = current_app.config
    return staffed_hours.is_open(config["OPERATOR_HOURS"], now, config["IVR_TIMEZONE"])


def person_or_callback(reply, now, reason):
    """Where a caller goes when the machine cannot help: a person in staffed hours, a call back
    outside them, and, where nobody is ever staffed, the outlet and a goodbye (never a dead end)."""
    if staffed_now(now):
        reply.redirect("voice.operator.start")
    elif staffed_ever():
        reply.redirect("voice.callback.offer", reason=reason)
    else:
        reply.say("common.go_to_outlet").hangup()
