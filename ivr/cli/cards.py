"""`flask --app app card ...`: the API's card moves for an outlet without an integration."""

import getpass
import json

import click
from flask import current_app
from flask.cli import AppGroup

from ivr.calendar import clock, localtime
from ivr.cards import holder_notices, lifecycle, moves
from ivr.cards.collection import flag_uncollected, uncollected_cards
from ivr.store import Card, Outlet, audit, db

card_cli = AppGroup("card", help="Card lifecycle: formal report, replacement, collection, history.")

# command name -> (state, help)
NAMED_MOVES = {
    "formal-report": ("formal_loss", "Record the formal loss report made at an outlet."),
    "apply-replacement": ("replacement_applied", "Record a replacement application (sets the expected ready date)."),
    "in-production": ("in_production", "Record that the factory is making the new card."),
    "ready": ("ready", "Record the new card ready at --outlet (queues the card-ready SMS and reminders)."),
    "collected": ("collected", "Record that the cardholder collected the new card (--new-card: its number)."),
    "cancel": ("cancelled", "Cancel the card for good."),
}


def run_move(card_number, state, *, outlet, new_card, note, by, assume_yes=False):
    now, config = clock.now(), current_app.config
    try:
        with db.new_session() as session:
            card = lifecycle.find_card(session, card_number, config)
            if card is None:
                raise click.ClickException("no card has this number")
            if holder_notices.is_sensitive(card.state, state):
                note = confirm_sensitive(card, state, note, assume_yes)
            mover = moves.Mover(actor="operator", name=by, channel="cli", address=audit.cli_address())
            event = moves.move(
                session,
                card,
                state,
                by=mover,
                now=now,
                config=config,
                reason=note,
                outlet_code=outlet,
                new_card_number=new_card,
            )
            summary = f"card ending {card.number_last4}: {event.from_state} -> {event.to_state}"
            if card.expected_ready_on and state == "replacement_applied":
                summary += f" (expected ready on {card.expected_ready_on.isoformat()})"
    except moves.Refused as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(summary)


def confirm_sensitive(card, state, note, assume_yes):
    """A move that ends a card (or lifts a suspension) needs a reason and a yes, as in the console."""
    note = (note or "").strip() or click.prompt("Reason (kept in the audit log)").strip()
    if not note:
        raise click.ClickException("a reason is needed for this move")
    if not assume_yes:
        click.confirm(
            f"Card ending {card.number_last4}: {card.state} -> {state}; the cardholder gets an SMS. Go ahead?",
            abort=True,
        )
    return note


def move_options(function):
    function = click.option(
        "--by", default=getpass.getuser, show_default="your login", help="Who made the move (recorded as cli:NAME)."
    )(function)
    function = click.option("--yes", "assume_yes", is_flag=True, help="Do not ask for confirmation (cancel).")(function)
    function = click.option(
        "--note", "--reason", default="", help="A note kept in the card's history (the reason, required to cancel)."
    )(function)
    function = click.option("--new-card", default=None, help="The new card's number (collected).")(function)
    function = click.option("--outlet", default=None, help="Outlet code (required for ready).")(function)
    return click.argument("card_number")(function)


def named_move(name, state, help_text):
    @card_cli.command(name, help=help_text)
    @move_options
    def command(card_number, outlet, new_card, note, by, assume_yes):
        run_move(card_number, state, outlet=outlet, new_card=new_card, note=note, by=by, assume_yes=assume_yes)

    return command


for _name, (_state, _help) in NAMED_MOVES.items():
    named_move(_name, _state, _help)


@card_cli.command("history")
@click.argument("card_number")
@click.option("--json", "as_json", is_flag=True, help="A JSON array instead of lines.")
def history_command(card_number, as_json):
    """Every move of a card (and of the lost card it replaced), oldest first, in IVR_TIMEZONE."""
    config = current_app.config
    with db.new_session() as session:
        card = lifecycle.find_card(session, card_number, config)
        if card is None:
            raise click.ClickException("no card has this number")
        rows = [
            {
                "at": localtime.local(e.at, config["IVR_TIMEZONE"]).isoformat(),
                "card_last4": session.get(Card, e.card_id).number_last4,
                "from_state": e.from_state,
                "to_state": e.to_state,
                "actor": e.actor,
                "source": e.source,
                "note": e.note,
            }
            for e in lifecycle.history(session, card)
        ]
        header = f"card ending {card.number_last4}: {card.state}"
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    click.echo(header)
    for row in rows:
        note = f"  ({row['note']})" if row["note"] else ""
        click.echo(
            f"{row['at']}  {row['card_last4']}  {row['from_state']} -> {row['to_state']}  "
            f"by {row['actor']} via {row['source']}{note}"
        )


@card_cli.command("uncollected")
@click.option("--all", "show_all", is_flag=True, help="Every card waiting, not only the overdue ones.")
@click.option("--flag-now", is_flag=True, help="Flag the overdue cards first (what the scheduler does hourly).")
def uncollected_command(show_all, flag_now):
    """Cards waiting at an outlet past COLLECTION_WINDOW_DAYS, longest-waiting first."""
    now, config = clock.now(), current_app.config
    with db.new_session() as session:
        if flag_now:
            click.echo(f"{len(flag_uncollected(session, now=now, config=config))} newly flagged")
        for row in uncollected_cards(session, now=now, config=config, overdue_only=not show_all):
            outlet = session.get(Outlet, row.card.ready_outlet_id).code if row.card.ready_outlet_id else "-"
            mark = "OVERDUE" if row.overdue else ""
            click.echo(
                f"card ending {row.card.number_last4}  {row.card.cardholder.id_masked}  "
                f"outlet {outlet}  waiting {row.days_waiting} days  {mark}".rstrip()
            )
