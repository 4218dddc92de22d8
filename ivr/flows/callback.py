"""Asking to be called back: which number (the calling mobile, or one keyed), then when to expect it."""

from flask import Blueprint, current_app, request

from ivr.calendar import staffed_time
from ivr.flows import menu
from ivr.flows.menu import PERSON_KEY
from ivr.flows.submenu import invalid, navigate, to_person
from ivr.identity import phones
from ivr.operators import callbacks
from ivr.prompts import speech
from ivr.store import db
from ivr.voice import answers, calls
from ivr.voice.webhook import retry_or_give_up, voice_step

bp = Blueprint("callback", __name__, url_prefix="/callback")
REASONS = {
    "closed",
    "wait_limit",
    "asked_while_waiting",
    "initial_password",
    "locked_out",
    "queue_failed",
    "no_operator",
    "verification_failed",
}


def reason_asked():
    reason = request.args.get("reason", "")
    return reason if reason in REASONS else "asked"


def region():
    return current_app.config.get("DEFAULT_REGION", "CN")


def regions():
    return phones.callable_regions(current_app.config)


# What the caller hears when the keyed number is not one the operators may call.
REFUSED = {
    "invalid": "callback.bad_number",
    "abroad": "callback.number_abroad",
    "service": "callback.number_not_callable",
}


def ask_offer(reply):
    reply.ask("voice.callback.offer_choice", ["callback.offer"], num_digits=1, listen="yes_no")


def ask_number(reply):
    """The number to call back: keyed (ended by #), or said digit by digit, then read back."""
    if reply.hears_speech():
        reply.ask("voice.callback.number", ["listening.say_callback_number"], finish_on_key="#", listen="digits")
    else:
        reply.ask("voice.callback.number", ["callback.ask_number"], finish_on_key="#")


@bp.post("/offer")
@voice_step
def offer(call, reply, now):
    """Offered where nobody can help now: 1 asks for a call back, * the main menu."""
    callbacks.draft(db.session, call, reason_asked(), now=now)
    calls.enter(db.session, call, "callback_offer", now=now)
    ask_offer(reply)


@bp.post("/offer/choice")
@voice_step
def offer_choice(call, reply, now):
    key = menu.chosen(call, "yes_no", now=now).key
    if navigate(call, reply, key, ask_offer, now=now):
        return
    if key == "1":
        calls.accept_input(db.session, call, "callback=yes", now=now)
        ask_for_number(call, reply, now)
        return
    invalid(call, reply, key, ask_offer, now=now)


@bp.post("/start")
@voice_step
def start(call, reply, now):
    """Straight to the number (the caller already asked, e.g. pressed 1 while waiting)."""
    callbacks.draft(db.session, call, reason_asked(), now=now)
    ask_for_number(call, reply, now)


def ask_for_number(call, reply, now):
    calls.enter(db.session, call, "callback_number", now=now)
    mobile = callbacks.caller_mobile(call, region(), regions())
    if mobile is None:
        ask_number(reply)
        return
    reply.ask(
        "voice.callback.caller_choice",
        [("callback.confirm_caller", {"last4": speech.slowly(mobile[-4:], call.language)})],
        num_digits=1,
        listen="yes_no",
    )


@bp.post("/caller")
@voice_step
def caller_choice(call, reply, now):
    """1 (or yes): call back the calling mobile; 2 (or no): another number."""
    answer, session = menu.chosen(call, "yes_no", now=now), db.session
    key = answer.key
    if key == PERSON_KEY:
        to_person(call, reply, now=now)
        return
    if key == "1":
        request_ = callbacks.current_draft(session, call)
        mobile = callbacks.caller_mobile(call, region(), regions())
        if request_ is None or mobile is None:
            reply.redirect("voice.welcome.menu")
            return
        request_.phone = mobile
        registered(call, reply, request_, now)
    elif key == "2":
        ask_number(reply)
    else:
        retry_or_give_up(
            session,
            call,
            reply,
            answers.reason(key, answer.spoken),
            lambda r: ask_for_number(call, r, now),
            now=now,
        )


@bp.post("/number")
@voice_step
def number(call, reply, now):
    """A keyed (or said) number, checked with the operators' call rule (ivr/identity/phones.py) and read back."""
    session, keyed = db.session, menu.chosen(call, "digits", now=now).key
    request_ = callbacks.current_draft(session, call)
    if request_ is None:
        reply.redirect("voice.welcome.menu")
        return
    if keyed == PERSON_KEY:
        to_person(call, reply, now=now)
        return
    try:
        if not (keyed.isdigit() and len(keyed) <= 20):
            raise phones.NotCallable("invalid")
        request_.phone = phones.callable_e164(keyed, region(), regions())
    except phones.NotCallable as refused:
        request_.phone = None
        unheard = keyed in ("", answers.NOT_UNDERSTOOD)
        if not unheard:
            calls.record(session, call, "callback_number_refused", refused.reason, now=now)
        reason = answers.reason(keyed) if unheard else REFUSED[refused.reason]
        retry_or_give_up(session, call, reply, reason, ask_number, now=now)
        return
    calls.accept_input(session, call, "callback_number", now=now)
    reply.ask(
        "voice.callback.number_check",
        [("callback.read_back", {"number": speech.phone(keyed, call.language)})],
        num_digits=1,
        listen="yes_no",
    )


@bp.post("/number/check")
@voice_step
def number_check(call, reply, now):
    key, session = menu.chosen(call, "yes_no", now=now).key, db.session
    request_ = callbacks.current_draft(session, call)
    if request_ is None or not request_.phone:
        reply.redirect("voice.welcome.menu")
    elif key == "1":
        registered(call, reply, request_, now)
    else:
        ask_number(reply)


def registered(call, reply, request_, now):
    config = current_app.config
    kept, _merged, expected, acked = callbacks.register(db.session, call, request_, config, now=now)
    when = staffed_time.spoken_when(config, now, expected, call.language)
    # Merged or new, the caller hears the same: whether someone else asked to be called on this
    # number is theirs to know, not this caller's.
    reply.say("callback.saved", reference=speech.grouped(kept.reference, call.language), when=when)
    if acked:
        reply.say("callback.sms_note")
    calls.finish(db.session, call, "callback_requested", now=now)
    reply.say("common.goodbye").hangup()
