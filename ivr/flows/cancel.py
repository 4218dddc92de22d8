"""Cancelling a pre-loss report because the card turned up."""

from flask import Blueprint, current_app

from ivr.cards import cancellation
from ivr.directory.holders import verified_holder
from ivr.flows import menu
from ivr.flows.preloss import report_words, spoken_day
from ivr.flows.submenu import invalid, navigate
from ivr.prompts import speech, text
from ivr.store import db
from ivr.voice import calls
from ivr.voice.webhook import digits, verified_step, voice_step

bp = Blueprint("cancel", __name__, url_prefix="/cancel")


def words(card, report, language):
    """Everything a cancel prompt may say about the card and its report."""
    values = {"card_last4": speech.digits(card.number_last4, language)} if card else {}
    if report is not None:
        values.update(report_words(report, language))
        values["closed_date"] = spoken_day(report.closed_at or report.expires_at, language)
    return values


def ask_offer(card, report):
    def ask(reply):
        prompts = [("cancel.offer", words(card, report, reply.language))]
        reply.ask("voice.cancel.confirm", prompts, num_digits=1, listen="yes_no")

    return ask


def ask_after(card, report):
    def ask(reply):
        prompts = [("cancel.done", words(card, report, reply.language)), "navigation.repeat_or_back"]
        reply.ask("voice.cancel.after", prompts, num_digits=1)

    return ask


@bp.post("/start")
@voice_step(runs_in_place=True)
def start(call, reply, now):
    """Where phone cancelling is not allowed, say so before asking anyone to identify."""
    if not current_app.config["ALLOW_PHONE_CANCEL"]:
        calls.record(db.session, call, "cancel_refused", "not_allowed", now=now)
        reply.say("cancel.not_allowed").redirect("voice.welcome.menu")
        return
    reply.redirect("voice.identify.start")


@bp.post("")
@verified_step(runs_in_place=True)
def offer(call, reply, now, holder):
    """A verified caller hears their report and is asked whether to cancel it."""
    session = db.session
    verdict = cancellation.check(holder.current_card, current_app.config)
    if verdict.outcome != "ok":
        tell_why_not(call, reply, verdict, now=now)
        return
    calls.enter(session, call, "cancel_confirm", now=now)
    ask_offer(verdict.card, verdict.report)(reply)


def tell_why_not(call, reply, verdict, *, now):
    """Nothing to cancel by phone: say which case it is and why, then back to the menu."""
    calls.record(db.session, call, "cancel_refused", verdict.outcome, now=now)
    values = words(verdict.card, verdict.report, reply.language)
    if verdict.outcome == "beyond":
        values["state"] = text(f"card.state.{verdict.card.state}", reply.language)
    reply.say(f"cancel.{verdict.outcome}", **values).redirect("voice.welcome.menu")


@bp.post("/confirm")
@verified_step
def confirm(call, reply, now, holder):
    """1 (or yes) cancels the report, 2 (or no) keeps it."""
    session, key, config = db.session, menu.chosen(call, "yes_no", now=now).key, current_app.config
    verdict = cancellation.check(holder.current_card, config)
    if verdict.outcome != "ok":
        tell_why_not(call, reply, verdict, now=now)
        return
    ask = ask_offer(verdict.card, verdict.report)
    if navigate(call, reply, key, ask, now=now, silence_ends=False):
        return
    if key == "2":
        calls.accept_input(session, call, "kept", now=now)
        reply.say("cancel.kept").redirect("voice.welcome.menu")
        return
    if key != "1":
        invalid(call, reply, key, ask, now=now)
        return
    done = cancellation.cancel_report(session, call, holder, now=now, config=config)
    if done.outcome != "done":
        tell_why_not(call, reply, done, now=now)
        return
    calls.record(session, call, "report_cancelled", done.report.reference, now=now)
    calls.record(session, call, "sms_queued", "preloss_cancelled", now=now)
    calls.finish(session, call, "report_cancelled", now=now)
    calls.enter(session, call, "cancel_done", now=now)
    ask_after(done.card, done.report)(reply)


@bp.post("/after")
@voice_step
def after(call, reply, now):
    """After the cancellation: 9 hears it again, * the main menu, silence says goodbye."""
    session, key = db.session, digits()
    holder = verified_holder(session, call)
    card = holder.current_card if holder else None
    report = card.reports[-1] if card is not None and card.reports else None
    if report is None or report.status != "cancelled":
        reply.redirect("voice.welcome.menu")
        return
    ask = ask_after(card, report)
    if not navigate(call, reply, key, ask, now=now):
        invalid(call, reply, key, ask, now=now)
