"""Asking to be called back: which number (the calling mobile, or one keyed), then when to expect it."""

from flask import Blueprint

from ivr.calendar import staffed_time
from ivr.flows import menu
from ivr.flows.menu import PERSON_KEY
from ivr.flows.submenu import invalid, navigate, to_person
from ivr.identity import phones
from ivr.operators import callbacks
from ivr.prompts import speech
from ivr.voice import answers, calls
from ivr.voice.turn_taking import retry_or_give_up
from ivr.voice.webhook import voice_step

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


def reason_asked(turn):
    reason = turn.query.get("reason", "")
    return reason if reason in REASONS else "asked"


def caller_mobile(turn):
    """The calling number, when the operators may call it back."""
    settings = turn.settings
    return callbacks.caller_mobile(turn.call, region(settings), phones.callable_regions(settings))


def region(settings):
    return settings.get("DEFAULT_REGION", "CN")


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
def offer(turn):
    """Offered where nobody can help now: 1 asks for a call back, * the main menu."""
    callbacks.draft(turn.session, turn.call, reason_asked(turn), now=turn.now)
    calls.enter(turn.session, turn.call, "callback_offer", now=turn.now)
    ask_offer(turn.reply)


@bp.post("/offer/choice")
@voice_step
def offer_choice(turn):
    key = menu.chosen(turn, "yes_no").key
    if navigate(turn, key, ask_offer):
        return
    if key == "1":
        calls.accept_input(turn.session, turn.call, "callback=yes", now=turn.now)
        ask_for_number(turn, turn.reply)
        return
    invalid(turn, key, ask_offer)


@bp.post("/start")
@voice_step
def start(turn):
    """Straight to the number (the caller already asked, e.g. pressed 1 while waiting)."""
    callbacks.draft(turn.session, turn.call, reason_asked(turn), now=turn.now)
    ask_for_number(turn, turn.reply)


def ask_for_number(turn, reply):
    calls.enter(turn.session, turn.call, "callback_number", now=turn.now)
    mobile = caller_mobile(turn)
    if mobile is None:
        ask_number(reply)
        return
    reply.ask(
        "voice.callback.caller_choice",
        [("callback.confirm_caller", {"last4": speech.slowly(mobile[-4:], turn.call.language)})],
        num_digits=1,
        listen="yes_no",
    )


@bp.post("/caller")
@voice_step
def caller_choice(turn):
    """1 (or yes): call back the calling mobile; 2 (or no): another number."""
    answer = menu.chosen(turn, "yes_no")
    if answer.key == PERSON_KEY:
        to_person(turn)
    elif answer.key == "1":
        call_back_caller(turn)
    elif answer.key == "2":
        ask_number(turn.reply)
    else:
        retry_or_give_up(turn, answers.reason(answer.key, answer.spoken), lambda r: ask_for_number(turn, r))


def call_back_caller(turn):
    """Yes: the calling mobile is the number to call back."""
    request_, mobile = callbacks.current_draft(turn.session, turn.call), caller_mobile(turn)
    if request_ is None or mobile is None:
        turn.reply.redirect("voice.welcome.menu")
        return
    request_.phone = mobile
    registered(turn, request_)


@bp.post("/number")
@voice_step
def number(turn):
    """A keyed (or said) number, checked with the operators' call rule (ivr/identity/phones.py) and read back."""
    keyed = menu.chosen(turn, "digits").key
    request_ = callbacks.current_draft(turn.session, turn.call)
    if request_ is None:
        turn.reply.redirect("voice.welcome.menu")
    elif keyed == PERSON_KEY:
        to_person(turn)
    else:
        settings = turn.settings
        request_.phone, refused = phones.keyed_callable(keyed, region(settings), phones.callable_regions(settings))
        if refused:
            refuse_number(turn, keyed, refused)
        else:
            read_back_number(turn, keyed)


def refuse_number(turn, keyed, refused):
    """Not a number the operators may call (or nothing heard): say why and ask again."""
    unheard = keyed in ("", answers.NOT_UNDERSTOOD)
    if not unheard:
        calls.record(turn.session, turn.call, "callback_number_refused", refused, now=turn.now)
    retry_or_give_up(turn, answers.reason(keyed) if unheard else REFUSED[refused], ask_number)


def read_back_number(turn, keyed):
    calls.accept_input(turn.session, turn.call, "callback_number", now=turn.now)
    turn.reply.ask(
        "voice.callback.number_check",
        [("callback.read_back", {"number": speech.phone(keyed, turn.call.language)})],
        num_digits=1,
        listen="yes_no",
    )


@bp.post("/number/check")
@voice_step
def number_check(turn):
    key = menu.chosen(turn, "yes_no").key
    request_ = callbacks.current_draft(turn.session, turn.call)
    if request_ is None or not request_.phone:
        turn.reply.redirect("voice.welcome.menu")
    elif key == "1":
        registered(turn, request_)
    else:
        ask_number(turn.reply)


def registered(turn, request_):
    session, call, reply, now, config = turn.session, turn.call, turn.reply, turn.now, turn.settings
    kept, _merged, expected, acked = callbacks.register(session, call, request_, config, now=now)
    when = staffed_time.spoken_when(config, now, expected, call.language)
    # Merged or new, the caller hears the same: whether someone else asked to be called on this
    # number is theirs to know, not this caller's.
    reply.say("callback.saved", reference=speech.grouped(kept.reference, call.language), when=when)
    if acked:
        reply.say("callback.sms_note")
    calls.finish(session, call, "callback_requested", now=now)
    reply.say("common.goodbye").hangup()
