"""How the console names call events and steps for a person reading a timeline, in their language."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ivr.console.i18n import console_language
from ivr.console.labels import label
from ivr.prompts import CATALOGUE, placeholders

# What an accepted input's detail means; the identity fields say only that they were given.
INPUTS = {
    "id_number": _l("ID number (digits not kept)"),
    "password": _l("service password (digits not kept)"),
    "another_area": _l("another area"),
    "area": _l("an area"),
    "main": _l("back to the main menu"),
    "back": _l("back"),
    "declined": _l("declined"),
    "kept": _l("kept the report"),
    "repeat": _l("asked to hear it again"),
    "repeat_reference": _l("asked to hear the reference again"),
    "operator": _l("0, for a person"),
    "callback=yes": _l("asked for a call back"),
    "callback_number": _l("call-back number given (not kept here)"),
}


def explain_event(event):
    """(what happened, detail) for one CallEvent; never shows keyed digits (none are stored)."""
    title = label("event", event.kind)
    detail = event.detail or ""
    if event.kind == "step_entered":
        detail = label("step", event.step)
    elif event.kind == "outcome":
        detail = label("outcome", detail)
    elif event.kind == "sms_queued":
        detail = label("sms_kind", detail)
    elif event.kind in QUEUE_AND_RATING:
        detail = QUEUE_AND_RATING[event.kind](detail)
    elif event.kind == "input_accepted":
        detail = accepted(detail)
    elif event.kind == "input_rejected":
        detail = what_caller_heard(detail)
    elif event.kind == "speech_confirm":
        detail = label("purpose", detail)
    elif event.kind == "speech_heard":
        detail = spoken(detail)
    return title, detail


# What spoken words were taken for (ivr/voice/answers.py summary): never the words themselves.
SPOKEN = {
    "yes": _l("yes"),
    "no": _l("no"),
    "repeat": _l("asked to hear it again"),
    "menu": _l("back to the main menu"),
    "not_understood": _l("not understood"),
}
CLARITY = {"high": _l("heard clearly"), "low": _l("heard unclearly")}


def spoken(detail):
    """ "menu:report:high" as "Report a lost card, heard clearly"."""
    _listen, meaning, band = (detail.split(":") + ["", ""])[:3]
    if meaning.endswith("_digits") and meaning.split("_")[0].isdigit():
        what = _("%(count)s digits (not kept)", count=meaning.split("_")[0])
    elif meaning in SPOKEN:
        what = str(SPOKEN[meaning])
    else:
        what = label("purpose", meaning)
    return _("%(what)s, %(how)s", what=what, how=CLARITY[band]) if band in CLARITY else what


def _request(detail):
    """ "request 12 closed" (callbacks.register) as words."""
    _word, number, reason = (detail.split(" ", 2) + ["", ""])[:3]
    if reason:
        return _("request %(number)s: %(why)s", number=number, why=label("callback_reason", reason))
    return _("request %(number)s", number=number) if number else detail


def _key(domain):
    return lambda detail: label(domain, int(detail)) if detail.isdigit() else detail


# The detail of the queue, callback and rating events (ivr/operators/queue.py, callbacks.py, ratings.py).
QUEUE_AND_RATING = {
    "queue_joined": lambda detail: "",  # the Twilio queue's name: nothing a supervisor acts on
    "queue_leaving": lambda detail: label("callback_reason", detail),
    "queue_stayed": lambda detail: "",  # the queue's name, as for queue_joined
    "queue_left": lambda detail: label("queue_result", detail),
    "callback_requested": _request,
    "callback_merged": _request,
    "rating_asked": lambda detail: label("rating_context", detail),
    "rating_given": _key("rating_score"),
    "rating_reason": _key("rating_reason"),
    "wrapup_recorded": lambda detail: label("wrapup_code", detail),
}


def accepted(detail):
    name, _sep, value = detail.partition("=")
    if name == "language":
        return _("language: %(which)s", which=label("language", value))
    if name == "menu":
        return _("menu: %(which)s", which=label("purpose", value))
    found = INPUTS.get(detail)
    return str(found) if found is not None else detail


def what_caller_heard(key):
    """A rejected entry's reason is the prompt the caller heard: show that sentence, in the console's language."""
    sentences = CATALOGUE.get(key)
    if not sentences:
        return key
    sentence = sentences.get(console_language()) or sentences.get("en", key)
    return sentence if not placeholders(sentence) else key
