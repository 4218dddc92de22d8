"""Operators' view of the outbox from the command line: `flask --app app reminders …`."""

import json
import sys

import click
from flask import current_app
from flask.cli import AppGroup

from ivr.calendar import clock, localtime
from ivr.identity import phones
from ivr.messaging import outbox
from ivr.store import OutgoingMessage, db
from ivr.store.messages import MESSAGE_STATES

reminders_cli = AppGroup("reminders", help="Outgoing SMS and reminders.")


def _local(moment, tzname):
    return localtime.local(moment, tzname).isoformat() if moment else None


def message_view(message, tzname):
    return {
        "id": message.id,
        "kind": message.kind,
        "occurrence": message.occurrence,
        "to": message.to_number,
        "state": message.state,
        "due_at": _local(message.due_at, tzname),
        "attempts": message.attempts,
        "subject": message.subject,
        "last_error": message.last_error,
        "sent_at": _local(message.sent_at, tzname),
        "delivered_at": _local(message.delivered_at, tzname),
    }


@reminders_cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="A JSON array instead of a table.")
@click.option("--state", default=None, type=click.Choice(MESSAGE_STATES), help="Only messages in this state.")
def reminders_list(as_json, state):
    """Every outgoing SMS, soonest due first, with times in IVR_TIMEZONE."""
    tzname = current_app.config["IVR_TIMEZONE"]
    with db.new_session() as session:
        views = [message_view(m, tzname) for m in outbox.every_message(session, state)]
    if as_json:
        click.echo(json.dumps(views, ensure_ascii=False, indent=2))
        return
    for view in views:
        error = f"  {view['last_error']}" if view["last_error"] else ""
        click.echo(
            f"{view['id']:>6}  {view['due_at']}  {view['state']:<9} {view['kind']:<24} {phones.mask(view['to'])}{error}"
        )


def _act(action, message_id, done_text, refused_text):
    with db.new_session() as session:
        exists = session.get(OutgoingMessage, message_id) is not None
        done = exists and action(session)
    if done:
        click.echo(done_text.format(message_id))
        return
    click.echo(refused_text.format(message_id) if exists else f"no message {message_id}", err=True)
    sys.exit(1)


@reminders_cli.command("cancel")
@click.argument("message_id", type=int)
def reminders_cancel(message_id):
    """Cancel a message that has not gone out yet (or dismiss a failed one)."""
    _act(
        lambda s: outbox.cancel(s, message_id),
        message_id,
        "message {} cancelled",
        "message {} has already gone to the provider or is finished; nothing changed",
    )


@reminders_cli.command("retry")
@click.argument("message_id", type=int)
def reminders_retry(message_id):
    """Send a failed message again, now."""
    _act(
        lambda s: outbox.retry(s, message_id, now=clock.now()),
        message_id,
        "message {} will be sent again now",
        "message {} has not failed; nothing changed",
    )
