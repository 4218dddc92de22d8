"""Filing a pre-loss report: confirm the card, suspend it, read out the reference."""

from flask import Blueprint

from ivr.calendar import localtime
from ivr.cards import reports
from ivr.directory.holders import verified_holder
from ivr.flows import menu
from ivr.flows.menu import PERSON_KEY
from ivr.flows.submenu import invalid, navigate, to_person
from ivr.prompts import speech, text
from ivr.voice import answers, call_log, calls
from ivr.voice.turn_taking import retry_or_give_up
from ivr.voice.webhook import verified_step, voice_step

bp = Blueprint("preloss", __name__, url_prefix="/preloss")


def local_today(turn):
    return localtime.local(turn.now, turn.settings["IVR_TIMEZONE"]).date()


def spoken_day(turn, moment, language):
    """A stored moment's date as a caller hears it: no year when it is this year's."""
    return speech.day(localtime.local(moment, turn.settings["IVR_TIMEZONE"]).date(), language, local_today(turn))


def report_words(turn, report, language):
    """How a caller hears a report's reference (in groups of four, to write down) and dates."""
    return {
        "reference": speech.grouped(report.reference, language),
        "filed_date": spoken_day(turn, report.filed_at, language),
        "lapse_date": spoken_day(turn, report.expires_at, language),
        "materials": text("preloss.materials", language),
    }


def what_was_said(turn):
    """The paragraph this call last heard: the report filed, or the report that already existed."""
    kind = call_log.last_kind(turn.session, turn.call, ("report_filed", "report_refused"))
    return "preloss.filed" if kind == "report_filed" else "preloss.already"


def ask_after(turn, key, report, *, reference_only=False):
    """The paragraph `key` (it says the reference twice), or with `reference_only` the reference
    alone, then the keys after it: 1 the reference again, 9 everything again, * the main menu,
    silence goodbye."""

    def ask(reply):
        words = report_words(turn, report, reply.language)
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
def offer(turn, holder):
    """Say which card will stop working and ask the caller to confirm."""
    verdict = reports.check_card(holder.current_card)
    if verdict.outcome == "ok":
        calls.enter(turn.session, turn.call, "preloss_confirm", now=turn.now)
        ask_offer(verdict.card.number_last4)(turn.reply)
    else:
        tell_why_not(turn, verdict)


def tell_why_not(turn, verdict):
    """The card cannot be reported now: say why, and what the caller can do."""
    session, call, reply, now = turn.session, turn.call, turn.reply, turn.now
    calls.record(session, call, "report_refused", verdict.outcome, now=now)
    if verdict.outcome == "already":
        calls.finish(session, call, "report_existing", now=now)
        calls.enter(session, call, "preloss_done", now=now)
        ask_after(turn, "preloss.already", verdict.report)(reply)
        return
    if verdict.outcome == "not_active":
        state = text(f"card.state.{verdict.card.state}", reply.language)
        reply.say("preloss.not_active", state=state)
    else:
        reply.say("preloss.no_card")
    reply.redirect("voice.welcome.menu")


@bp.post("/confirm")
@verified_step
def confirm(turn, holder):
    """1 (or yes) files the report; 2 (or no) goes back to the menu."""
    answer = menu.chosen(turn, "yes_no")
    if answer.key == PERSON_KEY:
        to_person(turn)
    elif answer.key == "2":
        calls.accept_input(turn.session, turn.call, "declined", now=turn.now)
        turn.reply.redirect("voice.welcome.menu")
    elif answer.key == "1":
        file_report(turn, holder)
    else:
        offer_again(turn, holder, answer)


def offer_again(turn, holder, answer):
    """Neither yes nor no: the offer again (the menu, should the card have gone meanwhile)."""
    card = holder.current_card
    ask = ask_offer(card.number_last4) if card else (lambda reply: reply.redirect("voice.welcome.menu"))
    retry_or_give_up(turn, answers.reason(answer.key, answer.spoken), ask)


def file_report(turn, holder):
    """The caller said yes: file the report (unless the card changed meanwhile), read the reference."""
    session, call, now = turn.session, turn.call, turn.now
    filing = reports.file_preloss(session, call, holder, now=now, config=turn.settings)
    if filing.outcome != "filed":
        tell_why_not(turn, filing)
        return
    calls.record(session, call, "report_filed", filing.report.reference, now=now)
    calls.record(session, call, "sms_queued", "preloss_confirmation", now=now)
    calls.finish(session, call, "report_filed", now=now)
    calls.enter(session, call, "preloss_done", now=now)
    ask_after(turn, "preloss.filed", filing.report)(turn.reply)


def ask_heard_again(turn, report):
    """The paragraph this call heard (looked up only when it is said again), then the keys after it."""

    def ask(reply):
        ask_after(turn, what_was_said(turn), report)(reply)

    return ask


@bp.post("/after")
@voice_step
def after(turn):
    """After the reference: 1 the reference alone, 9 all of it again, * the menu, silence goodbye."""
    key, holder = turn.keys, verified_holder(turn.session, turn.call)
    card = holder.current_card if holder else None
    report = card.open_report if card else None
    if report is None:
        turn.reply.redirect("voice.welcome.menu")
        return
    if navigate(turn, key, ask_heard_again(turn, report)):
        return
    if key == "1":
        calls.accept_input(turn.session, turn.call, "repeat_reference", now=turn.now)
        ask_after(turn, None, report, reference_only=True)(turn.reply)
    else:
        invalid(turn, key, ask_heard_again(turn, report))
