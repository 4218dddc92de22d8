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


def standing_prompts(turn, standing, language):
    """The prompts that tell a caller where their card stands."""
    state = standing.state
    values = {"materials": text("preloss.materials", language)}
    if standing.card is not None:
        values["card_last4"] = speech.digits(standing.card.number_last4, language)
    if standing.since is not None:
        values["since"] = speech.day(standing.since, language, local_today(turn))
    if state == "no_card":
        return [("progress.no_card", values)]
    if state == "preloss" and standing.report is not None:
        return [("progress.preloss", {**values, **report_words(turn, standing.report, language)})]
    if state == "in_production":
        if standing.expected_ready_on is None:
            return [("progress.in_production_undated", values)]
        return [
            (
                "progress.in_production",
                {**values, "ready_date": speech.day(standing.expected_ready_on, language, local_today(turn))},
            )
        ]
    if state == "ready":
        where = (
            [("progress.collect_at", {}), *outlet_prompts(standing.outlet, language)]
            if standing.outlet
            else [("progress.collect_where_applied", {})]
        )
        return [("progress.ready", values), *where, ("progress.bring_for_collection", {})]
    if state in ("active", "formal_loss", "replacement_applied", "collected"):
        return [(f"progress.{state}", values)]
    return [("progress.closed", {**values, "state": text(f"card.state.{state}", language)})]


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
