"""Who is calling: the ID number, its read-back, the service password and the mobile's last four."""

from flask import Blueprint, current_app
from sqlalchemy import bindparam, select

from ivr.calendar import localtime
from ivr.directory.holders import holder_with_cards
from ivr.flows import menu
from ivr.flows.identity_verdict import judge
from ivr.flows.password_check import PasswordAnswer, check_against, check_password_first, rehash_password
from ivr.flows.submenu import to_person
from ivr.identity import age, idnumbers, verification
from ivr.prompts import speech
from ivr.store import Cardholder, db
from ivr.voice import answers, calls
from ivr.voice.webhook import digits, out_of_step, retry_or_give_up, voice_step

bp = Blueprint("identify", __name__, url_prefix="/identify")

AFTER_VERIFIED = menu.AFTER_VERIFIED  # purpose -> where a verified caller goes next


# Built once (ivr/calls.BY_SID says why).
HOLDER_BY_ID_HASH = select(Cardholder.id).where(Cardholder.id_hash == bindparam("id_hash"))


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


def go_back(session, call, reply, step, *, now):
    """* steps back: ID number -> menu, password -> ID number, mobile -> password.

    At the ID step * also keys the letter X, so only a lone * there means back.
    """
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
def start(call, reply, now):
    """Ask for the ID number, unless this call has already proved who it is."""
    if call.verified and call.purpose in AFTER_VERIFIED:
        reply.redirect(AFTER_VERIFIED[call.purpose])
        return
    calls.forget_identity(call)
    calls.enter(db.session, call, "id_number", now=now)
    ask_id(reply)


@bp.post("/id")
@voice_step(writes_call_only=True)
def id_number(call, reply, now):
    """Check the keyed ID number and read back its last four characters."""
    session, keyed = db.session, digits()
    if keyed == "*":
        go_back(session, call, reply, "id_number", now=now)
        return
    if keyed == menu.PERSON_KEY:
        to_person(call, reply, now=now)
        return
    today = localtime.local(now, current_app.config["IVR_TIMEZONE"]).date()
    checked = idnumbers.check(keyed, today) if keyed else idnumbers.IdCheck(reason="no_input")
    if checked.number is None:
        reason = "common.no_input" if checked.reason == "no_input" else f"identify.{checked.reason}"
        retry_or_give_up(session, call, reply, reason, ask_id, now=now)
        return
    call.id_hash = idnumbers.id_hash(current_app.config["ID_HASH_KEY"], checked.number)
    call.cardholder_id = session.scalar(HOLDER_BY_ID_HASH, {"id_hash": call.id_hash})
    call.id_last4 = checked.last4
    # By the keyed number's birth date: aged 65 or over goes first in the queue from now on.
    call.senior = call.senior or age.senior_by_birth_date(idnumbers.birth_date(checked.number), today)
    calls.accept_input(session, call, "id_number", now=now)
    calls.enter(session, call, "id_confirm", now=now)
    ask_confirm(checked.last4)(reply)


@bp.post("/confirm")
@voice_step(writes_call_only=True)
def confirm(call, reply, now):
    """1 (or yes): the number is right, go on; 2 (or no): key it again; silence: hear the last four again."""
    session, answer = db.session, menu.chosen(call, "yes_no", now=now)
    key = answer.key
    if key == menu.PERSON_KEY:
        to_person(call, reply, now=now)
        return
    if key == "" and call.id_hash and call.id_last4:
        retry_or_give_up(session, call, reply, "common.no_input", ask_confirm(call.id_last4), now=now)
        return
    if key in ("2", "*"):  # * is "back one step": to the ID number, like 2
        calls.forget_identity(call)
        calls.enter(session, call, "id_number", now=now)
        ask_id(reply)
        return
    if answer.spoken and key != menu.YES_KEY and call.id_hash and call.id_last4:
        retry_or_give_up(session, call, reply, answers.reason(key, spoken=True), ask_confirm(call.id_last4), now=now)
        return
    if key != "1" or not call.id_hash:
        retry_or_give_up(
            session, call, reply, answers.reason(key), lambda r: r.redirect("voice.identify.start"), now=now
        )
        return
    if verification.locked_until(session, call.id_hash, now):
        calls.record(session, call, "locked_out", "already locked", now=now)
        calls.finish(session, call, "locked_out", now=now)
        reply.say("identify.locked", hours=current_app.config["LOCKOUT_HOURS"])
        menu.person_or_callback(reply, now, "locked_out")
        return
    calls.enter(session, call, "password", now=now)
    ask_password(reply)


@bp.post("/password")
@voice_step(prepare=check_password_first, writes_call_only=True)
def password(call, reply, now, prepared=None):
    """Six digits; only whether they were right is kept, never the digits."""
    session, keyed = db.session, digits()
    if not call.id_hash:  # no ID number was keyed on this call: there is nothing to answer for
        out_of_step(session, call, reply, now=now)
        return
    if "*" in keyed:
        go_back(session, call, reply, "password", now=now)
        return
    if keyed == menu.PERSON_KEY:
        to_person(call, reply, now=now)
        return
    if len(keyed) != 6 or not keyed.isdigit():
        reason = "common.no_input" if keyed == "" else "identify.password_format"
        retry_or_give_up(session, call, reply, reason, ask_password, now=now)
        return
    if prepared is None or (prepared.cardholder_id, prepared.keyed) != (call.cardholder_id, keyed):
        # No check yet (the usual case: an HMAC, checked here), or the call moved on between the
        # check before the lock and the lock (a retry of its own): check now.
        checked = check_against(session, call.cardholder_id, keyed, slow_ok=prepared is not None)
        prepared = PasswordAnswer(call.cardholder_id, keyed, checked)
    call.password_ok = prepared.check.ok
    if prepared.check.stale and call.cardholder_id:
        rehash_password(session, call.cardholder_id, keyed)
    calls.accept_input(session, call, "password", now=now)
    calls.enter(session, call, "mobile4", now=now)
    ask_mobile(reply)


@bp.post("/mobile")
@voice_step
def mobile(call, reply, now):
    """The last four of the registered mobile; then both answers are judged together. Said
    rather than keyed, they are read back first and judged only after the caller's yes."""
    session, config = db.session, current_app.config
    answer = menu.chosen(call, "digits", now=now)
    keyed = answer.key
    if not call.id_hash:
        out_of_step(session, call, reply, now=now)
        return
    if "*" in keyed:
        go_back(session, call, reply, "mobile4", now=now)
        return
    if keyed == menu.PERSON_KEY:
        to_person(call, reply, now=now)
        return
    if len(keyed) != 4 or not keyed.isdigit():
        digits_heard = keyed.isdigit() and (not answer.spoken or answer.meaning.isdigit())
        reason = "identify.mobile4_format" if digits_heard else answers.reason(keyed, answer.spoken)
        retry_or_give_up(session, call, reply, reason, ask_mobile, now=now)
        return
    if answer.spoken:
        call.heard_hash = verification.heard_hash(config["ID_HASH_KEY"], keyed)
        calls.enter(session, call, "mobile4_check", now=now)
        ask_heard_mobile(keyed)(reply)
        return
    holder = holder_with_cards(session, call.cardholder_id) if call.cardholder_id else None
    judge(session, call, reply, holder, verification.mobile_matches(holder, keyed), now=now, ask_again=ask_password)


@bp.post("/mobile/check")
@voice_step
def mobile_check(call, reply, now):
    """The last four the caller said, read back: yes judges them, anything else asks again."""
    session, config = db.session, current_app.config
    key, heard = menu.chosen(call, "yes_no", now=now).key, call.heard_hash
    call.heard_hash = None
    if not call.id_hash or heard is None:
        out_of_step(session, call, reply, now=now)
    elif key == menu.PERSON_KEY:
        to_person(call, reply, now=now)
    elif key == menu.YES_KEY:
        holder = holder_with_cards(session, call.cardholder_id) if call.cardholder_id else None
        matches = verification.mobile_matches_heard(holder, config["ID_HASH_KEY"], heard)
        judge(session, call, reply, holder, matches, now=now, ask_again=ask_password)
    else:  # no, silence or not understood: a failed try; the digits are not kept to say again
        retry_or_give_up(session, call, reply, "listening.not_understood", ask_mobile, now=now)
