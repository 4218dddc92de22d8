"""Who is calling: the ID number, its read-back, the service password and the mobile's last four."""

from flask import Blueprint

from ivr.calendar import localtime
from ivr.directory.holders import holder_id_by_id_hash, holder_with_cards
from ivr.flows import menu
from ivr.flows.identity_verdict import judge, tell_already_locked
from ivr.flows.password_check import check_password_first, password_right
from ivr.flows.submenu import to_person
from ivr.identity import age, idnumbers, verification
from ivr.prompts import speech
from ivr.voice import answers, calls
from ivr.voice.turn_taking import out_of_step, retry_or_give_up
from ivr.voice.webhook import voice_step

bp = Blueprint("identify", __name__, url_prefix="/identify")

AFTER_VERIFIED = menu.AFTER_VERIFIED  # purpose -> where a verified caller goes next


def ask_id(reply):
    reply.ask("voice.identify.id_number", ["identify.enter_id"], finish_on_key="#", timeout=15)


def ask_password(reply):
    reply.ask("voice.identify.password", ["navigation.enter_password"], finish_on_key="#", timeout=12)


def ask_mobile(reply):
    """The mobile's last four: keyed, or said (then read back before they are used). The menu
    told the caller they may speak; the question itself keeps to its keys (the call's budget)."""
    reply.ask("voice.identify.mobile", ["navigation.enter_mobile4"], num_digits=4, timeout=12, listen="digits")


def ask_heard_mobile(last4):
    def ask(reply):
        words = {"digits": speech.slowly(last4, reply.language)}
        reply.ask("voice.identify.mobile_check", [("listening.read_back_digits", words)], num_digits=1, listen="yes_no")

    return ask


def go_back(turn, step):
    """* steps back: ID number -> menu, password -> ID number, mobile -> password.

    At the ID step * also keys the letter X, so only a lone * there means back.
    """
    session, call, reply, now = turn.session, turn.call, turn.reply, turn.now
    calls.accept_input(session, call, "back", now=now)
    call.password_ok = False
    if step == "id_number":
        calls.forget_identity(call)
        reply.redirect("voice.welcome.menu")
    elif step == "password":
        calls.forget_identity(call)
        calls.enter(session, call, "id_number", now=now)
        ask_id(reply)
    else:
        calls.enter(session, call, "password", now=now)
        ask_password(reply)


def ask_confirm(last4):
    def ask(reply):
        spoken = speech.slowly(last4, reply.language)
        reply.ask("voice.identify.confirm", [("identify.readback", {"last4": spoken})], num_digits=1, listen="yes_no")

    return ask


@bp.post("")
@voice_step(runs_in_place=True, writes_call_only=True)
def start(turn):
    """Ask for the ID number, unless this call has already proved who it is."""
    call = turn.call
    if call.verified and call.purpose in AFTER_VERIFIED:
        turn.reply.redirect(AFTER_VERIFIED[call.purpose])
        return
    calls.forget_identity(call)
    calls.enter(turn.session, call, "id_number", now=turn.now)
    ask_id(turn.reply)


@bp.post("/id")
@voice_step(writes_call_only=True)
def id_number(turn):
    """Check the keyed ID number and read back its last four characters."""
    keyed = turn.keys
    if stepped_aside(turn, keyed, "id_number"):
        return
    today = localtime.local(turn.now, turn.settings["IVR_TIMEZONE"]).date()
    checked = idnumbers.check(keyed, today) if keyed else idnumbers.IdCheck(reason="no_input")
    if checked.number is None:
        reason = "common.no_input" if checked.reason == "no_input" else f"identify.{checked.reason}"
        retry_or_give_up(turn, reason, ask_id)
        return
    remember_id(turn, checked, today)
    calls.accept_input(turn.session, turn.call, "id_number", now=turn.now)
    calls.enter(turn.session, turn.call, "id_confirm", now=turn.now)
    ask_confirm(checked.last4)(turn.reply)


def stepped_aside(turn, keyed, step):
    """* (back one step) or 0 (a person) instead of an answer: True when it was one of them.
    At the ID step * also keys the letter X, so only a lone * there means back."""
    back = keyed == "*" if step == "id_number" else "*" in keyed
    if back:
        go_back(turn, step)
    elif keyed == menu.PERSON_KEY:
        to_person(turn)
    return back or keyed == menu.PERSON_KEY


def remember_id(turn, checked, today):
    """What the call keeps of a valid ID number: its keyed hash, its cardholder, its last four."""
    call = turn.call
    call.id_hash = idnumbers.id_hash(turn.settings["ID_HASH_KEY"], checked.number)
    call.cardholder_id = holder_id_by_id_hash(turn.session, call.id_hash)
    call.id_last4 = checked.last4
    # By the keyed number's birth date: aged 65 or over goes first in the queue from now on.
    call.senior = call.senior or age.senior_by_birth_date(idnumbers.birth_date(checked.number), today)


@bp.post("/confirm")
@voice_step(writes_call_only=True)
def confirm(turn):
    """1 (or yes): the number is right, go on; 2 (or no): key it again; silence: hear the last four again."""
    answer = menu.chosen(turn, "yes_no")
    if answer.key == menu.PERSON_KEY:
        to_person(turn)
    elif answer.key in ("2", "*"):  # * is "back one step": to the ID number, like 2
        calls.forget_identity(turn.call)
        calls.enter(turn.session, turn.call, "id_number", now=turn.now)
        ask_id(turn.reply)
    elif answer.key != "1" or not turn.call.id_hash:
        ask_confirm_again(turn, answer)
    elif verification.locked_until(turn.session, turn.call.id_hash, turn.now):
        tell_already_locked(turn)
    else:
        calls.enter(turn.session, turn.call, "password", now=turn.now)
        ask_password(turn.reply)


def ask_confirm_again(turn, answer):
    """Silence or words other than yes: the last four again; a wrong key: the ID question again."""
    call, key = turn.call, answer.key
    if call.id_hash and call.id_last4 and (key == "" or answer.spoken):
        reason = "common.no_input" if key == "" else answers.reason(key, spoken=True)
        retry_or_give_up(turn, reason, ask_confirm(call.id_last4))
    else:
        retry_or_give_up(turn, answers.reason(key), lambda r: r.redirect("voice.identify.start"))


@bp.post("/password")
@voice_step(prepare=check_password_first, writes_call_only=True)
def password(turn, prepared=None):
    """Six digits; only whether they were right is kept, never the digits."""
    call, keyed = turn.call, turn.keys
    if not call.id_hash:  # no ID number was keyed on this call: there is nothing to answer for
        out_of_step(turn)
        return
    if stepped_aside(turn, keyed, "password"):
        return
    if len(keyed) != 6 or not keyed.isdigit():
        retry_or_give_up(turn, "common.no_input" if keyed == "" else "identify.password_format", ask_password)
        return
    call.password_ok = password_right(turn.session, turn.settings, call, keyed, prepared)
    calls.accept_input(turn.session, call, "password", now=turn.now)
    calls.enter(turn.session, call, "mobile4", now=turn.now)
    ask_mobile(turn.reply)


@bp.post("/mobile")
@voice_step
def mobile(turn):
    """The last four of the registered mobile; then both answers are judged together. Said
    rather than keyed, they are read back first and judged only after the caller's yes."""
    answer = menu.chosen(turn, "digits")
    keyed = answer.key
    if not turn.call.id_hash:
        out_of_step(turn)
        return
    if stepped_aside(turn, keyed, "mobile4"):
        return
    if len(keyed) != 4 or not keyed.isdigit():
        retry_or_give_up(turn, mobile_format_reason(answer), ask_mobile)
    elif answer.spoken:
        read_back_heard(turn, keyed)
    else:
        holder = cardholder_of(turn)
        judge(turn, holder, verification.mobile_matches(holder, keyed), ask_again=ask_password)


def read_back_heard(turn, last4):
    """Said, not keyed: only a keyed digest is kept until the caller says the read-back is right."""
    turn.call.heard_hash = verification.heard_hash(turn.settings["ID_HASH_KEY"], last4)
    calls.enter(turn.session, turn.call, "mobile4_check", now=turn.now)
    ask_heard_mobile(last4)(turn.reply)


def cardholder_of(turn):
    """The cardholder of the keyed ID number, with their cards (None for a number nobody holds)."""
    return holder_with_cards(turn.session, turn.call.cardholder_id) if turn.call.cardholder_id else None


def mobile_format_reason(answer):
    """Why an answer is not four digits: digits heard, but too few or too many; or nothing usable."""
    digits_heard = answer.key.isdigit() and (not answer.spoken or answer.meaning.isdigit())
    return "identify.mobile4_format" if digits_heard else answers.reason(answer.key, answer.spoken)


@bp.post("/mobile/check")
@voice_step
def mobile_check(turn):
    """The last four the caller said, read back: yes judges them, anything else asks again."""
    call = turn.call
    key, heard = menu.chosen(turn, "yes_no").key, call.heard_hash
    call.heard_hash = None
    if not call.id_hash or heard is None:
        out_of_step(turn)
    elif key == menu.PERSON_KEY:
        to_person(turn)
    elif key == menu.YES_KEY:
        holder = cardholder_of(turn)
        matches = verification.mobile_matches_heard(holder, turn.settings["ID_HASH_KEY"], heard)
        judge(turn, holder, matches, ask_again=ask_password)
    else:  # no, silence or not understood: a failed try; the digits are not kept to say again
        retry_or_give_up(turn, "listening.not_understood", ask_mobile)
