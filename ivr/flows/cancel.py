"""Cancelling a pre-loss report because the card turned up."""

from flask import Blueprint

from ivr.cards import cancellation
from ivr.directory.holders import verified_holder
from ivr.flows import menu
from ivr.flows.preloss import report_words, spoken_day
from ivr.flows.submenu import invalid, navigate
from ivr.prompts import speech, text
from ivr.voice import calls
from ivr.voice.webhook import verified_step, voice_step

bp = Blueprint("cancel", __name__, url_prefix="/cancel")


def words(turn, card, report, language):
    """Everything a cancel prompt may say about the card and its report."""
    values = {"card_last4": speech.digits(card.number_last4, language)} if card else {}
    if report is not None:
        values.update(report_words(turn, report, language))
        values["closed_date"] = spoken_day(turn, report.closed_at or report.expires_at, language)
    return values


def ask_offer(turn, card, report):
    def ask(reply):
        prompts = [("cancel.offer", words(turn, card, report, reply.language))]
        reply.ask("voice.cancel.confirm", prompts, num_digits=1, listen="yes_no")

    return ask


def ask_after(turn, card, report):
    def ask(reply):
        prompts = [("cancel.done", words(turn, card, report, reply.language)), "navigation.repeat_or_back"]
        reply.ask("voice.cancel.after", prompts, num_digits=1)

    return ask


@bp.post("/start")
@voice_step(runs_in_place=True)
def start(turn):
    """Where phone cancelling is not allowed, say so before asking anyone to identify."""
    if not turn.settings["ALLOW_PHONE_CANCEL"]:
        calls.record(turn.session, turn.call, "cancel_refused", "not_allowed", now=turn.now)
        turn.reply.say("cancel.not_allowed").redirect("voice.welcome.menu")
        return
    turn.reply.redirect("voice.identify.start")


@bp.post("")
@verified_step(runs_in_place=True)
def offer(turn, holder):
    """A verified caller hears their report and is asked whether to cancel it."""
    verdict = cancellation.check(holder.current_card, turn.settings)
    if verdict.outcome != "ok":
        tell_why_not(turn, verdict)
        return
    calls.enter(turn.session, turn.call, "cancel_confirm", now=turn.now)
    ask_offer(turn, verdict.card, verdict.report)(turn.reply)


def tell_why_not(turn, verdict):
    """Nothing to cancel by phone: say which case it is and why, then back to the menu."""
    reply = turn.reply
    calls.record(turn.session, turn.call, "cancel_refused", verdict.outcome, now=turn.now)
    values = words(turn, verdict.card, verdict.report, reply.language)
    if verdict.outcome == "beyond":
        values["state"] = text(f"card.state.{verdict.card.state}", reply.language)
    reply.say(f"cancel.{verdict.outcome}", **values).redirect("voice.welcome.menu")


@bp.post("/confirm")
@verified_step
def confirm(turn, holder):
    """1 (or yes) cancels the report, 2 (or no) keeps it."""
    key = menu.chosen(turn, "yes_no").key
    verdict = cancellation.check(holder.current_card, turn.settings)
    if verdict.outcome != "ok":
        tell_why_not(turn, verdict)
        return
    ask = ask_offer(turn, verdict.card, verdict.report)
    if navigate(turn, key, ask, silence_ends=False):
        return
    if key == "2":
        calls.accept_input(turn.session, turn.call, "kept", now=turn.now)
        turn.reply.say("cancel.kept").redirect("voice.welcome.menu")
    elif key == "1":
        cancel_report(turn, holder)
    else:
        invalid(turn, key, ask)


def cancel_report(turn, holder):
    """The caller said yes: cancel the report (unless it changed meanwhile) and say it is done."""
    session, call, now = turn.session, turn.call, turn.now
    done = cancellation.cancel_report(session, call, holder, now=now, config=turn.settings)
    if done.outcome != "done":
        tell_why_not(turn, done)
        return
    calls.record(session, call, "report_cancelled", done.report.reference, now=now)
    calls.record(session, call, "sms_queued", "preloss_cancelled", now=now)
    calls.finish(session, call, "report_cancelled", now=now)
    calls.enter(session, call, "cancel_done", now=now)
    ask_after(turn, done.card, done.report)(turn.reply)


@bp.post("/after")
@voice_step
def after(turn):
    """After the cancellation: 9 hears it again, * the main menu, silence says goodbye."""
    key = turn.keys
    holder = verified_holder(turn.session, turn.call)
    card = holder.current_card if holder else None
    report = card.reports[-1] if card is not None and card.reports else None
    if report is None or report.status != "cancelled":
        turn.reply.redirect("voice.welcome.menu")
        return
    ask = ask_after(turn, card, report)
    if not navigate(turn, key, ask):
        invalid(turn, key, ask)
