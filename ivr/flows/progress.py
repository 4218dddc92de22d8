"""Replacement card progress: where the caller's card stands and what to do next."""

from flask import Blueprint

from ivr.cards import progress
from ivr.directory.holders import verified_holder
from ivr.flows.outlets import outlet_prompts
from ivr.flows.preloss import local_today, report_words
from ivr.flows.submenu import invalid, navigate
from ivr.prompts import speech, text
from ivr.voice import calls
from ivr.voice.webhook import verified_step, voice_step

bp = Blueprint("progress", __name__, url_prefix="/progress")


# Card states told in one sentence of their own, with only the card's words.
TOLD_AS_THEY_ARE = ("no_card", "active", "formal_loss", "replacement_applied", "collected")


def standing_prompts(turn, standing, language):
    """The prompts that tell a caller where their card stands."""
    state, values = standing.state, card_words(turn, standing, language)
    if state in TOLD_AS_THEY_ARE:
        return [(f"progress.{state}", values)]
    if state == "preloss" and standing.report is not None:
        return [("progress.preloss", {**values, **report_words(turn, standing.report, language)})]
    if state == "in_production":
        return [in_production(turn, standing.expected_ready_on, values, language)]
    if state == "ready":
        return [("progress.ready", values), *where_to_collect(standing.outlet, language)]
    return [("progress.closed", {**values, "state": text(f"card.state.{state}", language)})]


def card_words(turn, standing, language):
    """What every progress sentence may say: the card's last four, since when, what to bring."""
    values = {"materials": text("preloss.materials", language)}
    if standing.card is not None:
        values["card_last4"] = speech.digits(standing.card.number_last4, language)
    if standing.since is not None:
        values["since"] = speech.day(standing.since, language, local_today(turn))
    return values


def in_production(turn, ready_on, values, language):
    """Being made: with the day it is expected to be ready, when one is known."""
    if ready_on is None:
        return ("progress.in_production_undated", values)
    return ("progress.in_production", {**values, "ready_date": speech.day(ready_on, language, local_today(turn))})


def where_to_collect(outlet, language):
    """Where a ready card is collected (its outlet, or where it was applied for), and what to bring."""
    if outlet:
        return [("progress.collect_at", {}), *outlet_prompts(outlet, language), ("progress.bring_for_collection", {})]
    return [("progress.collect_where_applied", {}), ("progress.bring_for_collection", {})]


def ask_after(turn, standing):
    def ask(reply):
        prompts = standing_prompts(turn, standing, reply.language) + ["navigation.repeat_or_back"]
        reply.ask("voice.progress.after", prompts, num_digits=1)

    return ask


def standing_of(turn, holder):
    return progress.where_card_stands(turn.session, holder, turn.settings["IVR_TIMEZONE"])


@bp.post("")
@verified_step(runs_in_place=True)
def status(turn, holder):
    """A verified caller hears the state of their card."""
    standing, session, call, now = standing_of(turn, holder), turn.session, turn.call, turn.now
    calls.record(session, call, "progress_told", standing.state, now=now)
    calls.finish(session, call, "progress_told", now=now)
    calls.enter(session, call, "progress_done", now=now)
    ask_after(turn, standing)(turn.reply)


@bp.post("/after")
@voice_step
def after(turn):
    """9 hears it again, * the main menu, silence says goodbye."""
    holder = verified_holder(turn.session, turn.call)
    if holder is None:
        turn.reply.redirect("voice.welcome.menu")
        return
    standing = standing_of(turn, holder)
    key, ask = turn.keys, ask_after(turn, standing)
    if not navigate(turn, key, ask):
        invalid(turn, key, ask)
