"""Filing a pre-loss report: confirm the card, suspend it, read out the reference."""

from flask import Blueprint, current_app
from sqlalchemy import bindparam, select

from ivr.calendar import clock, localtime
from ivr.cards import reports
from ivr.directory.holders import verified_holder
from ivr.flows import menu
from ivr.flows.menu import PERSON_KEY
from ivr.flows.submenu import invalid, navigate, to_person
from ivr.prompts import speech, text
from ivr.store import CallEvent, db
from ivr.voice import answers, calls
from ivr.voice.webhook import digits, retry_or_give_up, verified_step, voice_step

bp = Blueprint("preloss", __name__, url_prefix="/preloss")


def local_today():
    return localtime.local(clock.now(), current_app.config["IVR_TIMEZONE"]).date()


def spoken_day(moment, language):
    """A stored moment's date as a caller hears it: no year when it is this year's."""
    return speech.day(localtime.local(moment, current_app.config["IVR_TIMEZONE"]).date(), language, local_today())


def report_words(report, language):
    """How a caller hears a report's reference (in groups of four, to write down) and dates."""
    return {
        "reference": speech.grouped(report.reference, language),
        "filed_date": spoken_day(report.filed_at, language),
        "lapse_date": spoken_day(report.expires_at, language),
        "materials": text("preloss.materials", language),
    }


# Built once (ivr/calls.BY_SID says why).
LAST_REPORT_EVENT = (
    select(CallEvent.kind)
    .where(CallEvent.call_id == bindparam("call_id"), CallEvent.kind.in_(("report_filed", "report_refused")))
    .order_by(CallEvent.id.desc())
    .limit(1)
)


def what_was_said(session, call):
    """The paragraph this call last heard: the report filed, or the report that already existed."""
    kind = session.scalar(LAST_REPORT_EVENT, {"call_id": call.id})
    return "preloss.filed" if kind == "report_filed" else "preloss.already"


def ask_after(key, report, *, reference_only=False):
    """The paragraph `key` (it says the reference twice), or with `reference_only` the reference
    alone, then the keys after it: 1 the reference again, 9 everything again, * the main menu,
    silence goodbye."""

    def ask(reply):
        words = report_words(report, reply.language)
        prompts = [("preloss.reference_again", words)] if reference_only else [(key, words)]
        reply.ask("voice.preloss.after", [*prompts, "preloss.after_keys"], num_digits=1)

    return ask


def ask_offer(card_last4):
    def ask(reply):
        spoken = speech.slowly(card_last4, reply.language)
        reply.ask("voice.preloss.confirm", [("preloss.offer", {"card_last4": spoken})], num_digits=1, listen="yes_no")

    return ask


@bp.post("")
@verified_step(runs_in_place=True)
def offer(call, reply, now, holder):
    """Say which card will stop working and ask the caller to confirm."""
    session = db.session
    verdict = reports.check_card(holder.current_card)
    if verdict.outcome == "ok":
        calls.enter(session, call, "preloss_confirm", now=now)
        ask_offer(verdict.card.number_last4)(reply)
    else:
        tell_why_not(session, call, reply, verdict, now=now)


def tell_why_not(session, call, reply, verdict, *, now):
    """The card cannot be reported now: say why, and what the caller can do."""
    calls.record(session, call, "report_refused", verdict.outcome, now=now)
    if verdict.outcome == "already":
        calls.finish(session, call, "report_existing", now=now)
        calls.enter(session, call, "preloss_done", now=now)
        ask_after("preloss.already", verdict.report)(reply)
        return
    if verdict.outcome == "not_active":
        state = text(f"card.state.{verdict.card.state}", reply.language)
        reply.say("preloss.not_active", state=state)
    else:
        reply.say("preloss.no_card")
    reply.redirect("voice.welcome.menu")


@bp.post("/confirm")
@verified_step
def confirm(call, reply, now, holder):
    """1 (or yes) files the report; 2 (or no) goes back to the menu."""
    session, answer = db.session, menu.chosen(call, "yes_no", now=now)
    key = answer.key
    if key == PERSON_KEY:
        to_person(call, reply, now=now)
        return
    if key == "2":
        calls.accept_input(session, call, "declined", now=now)
        reply.redirect("voice.welcome.menu")
        return
    if key != "1":
        reason = answers.reason(key, answer.spoken)
        ask = ask_offer(holder.current_card.number_last4) if holder.current_card else None
        retry_or_give_up(session, call, reply, reason, ask or (lambda r: r.redirect("voice.welcome.menu")), now=now)
        return
    filing = reports.file_preloss(session, call, holder, now=now, config=current_app.config)
    if filing.outcome != "filed":
        tell_why_not(session, call, reply, filing, now=now)
        return
    calls.record(session, call, "report_filed", filing.report.reference, now=now)
    calls.record(session, call, "sms_queued", "preloss_confirmation", now=now)
    calls.finish(session, call, "report_filed", now=now)
    calls.enter(session, call, "preloss_done", now=now)
    ask_after("preloss.filed", filing.report)(reply)


@bp.post("/after")
@voice_step
def after(call, reply, now):
    """After the reference: 1 the reference alone, 9 all of it again, * the menu, silence goodbye."""
    session, key = db.session, digits()
    holder = verified_holder(session, call)
    card = holder.current_card if holder else None
    report = card.open_report if card else None
    if report is None:
        reply.redirect("voice.welcome.menu")
        return

    def ask(reply):  # which paragraph was heard is looked up only when it is said again
        ask_after(what_was_said(session, call), report)(reply)

    if navigate(call, reply, key, ask, now=now):
        return
    if key == "1":
        calls.accept_input(session, call, "repeat_reference", now=now)
        ask_after(None, report, reference_only=True)(reply)
    else:
        invalid(call, reply, key, ask, now=now)
