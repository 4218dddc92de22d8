"""Command-line tools: `flask --app app <command>`."""

import json
import sys

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from . import localtime
from .cardholders import import_csv
from .console.commands import create_operator
from .store import OutgoingMessage, db
from .store.migrate import upgrade

db_cli = AppGroup("db", help="The database schema.")
reminders_cli = AppGroup("reminders", help="Outgoing SMS and reminders.")


@db_cli.command("upgrade")
def db_upgrade():
    """Apply every migration not yet applied (run before starting a new release)."""
    upgrade(current_app.config["DATABASE_URL"])
    click.echo("database is up to date")


@click.command("import-cardholders")
@click.argument("csv_file", type=click.File("r", encoding="utf-8-sig"))
def import_cardholders(csv_file):
    """Insert or update cardholders from CSV: id_number,name,mobile,card_number,service_password[,language]."""
    with db.new_session() as session:
        result = import_csv(session, csv_file, current_app.config)
    for line, reason in result.rejected:
        click.echo(f"line {line}: rejected: {reason}", err=True)
    click.echo(f"{result.inserted} inserted, {result.updated} updated, {len(result.rejected)} rejected")
    if result.rejected:
        sys.exit(1)


def message_view(message, tzname):
    return {
        "id": message.id, "kind": message.kind, "to": message.to_number, "state": message.state,
        "due_at": localtime.local(message.due_at, tzname).isoformat(),
        "attempts": message.attempts, "subject": message.subject,
    }


@reminders_cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="A JSON array instead of a table.")
@click.option("--state", default=None, help="Only messages in this state.")
def reminders_list(as_json, state):
    """Every outgoing SMS, soonest due first, with times in IVR_TIMEZONE."""
    statement = select(OutgoingMessage).order_by(OutgoingMessage.due_at, OutgoingMessage.id)
    if state:
        statement = statement.where(OutgoingMessage.state == state)
    with db.new_session() as session:
        views = [message_view(m, current_app.config["IVR_TIMEZONE"]) for m in session.scalars(statement)]
    if as_json:
        click.echo(json.dumps(views, ensure_ascii=False, indent=2))
        return
    for view in views:
        click.echo(f"{view['id']:>6}  {view['due_at']}  {view['state']:<9} {view['kind']:<24} {view['to']}")


@click.command("scheduler")
def run_scheduler():
    """Run the scheduler in this process, in the foreground (production: exactly one of these)."""
    from scheduler import build_scheduler

    click.echo("scheduler running; Ctrl-C to stop")
    build_scheduler(current_app._get_current_object(), blocking=True).start()


COMMANDS = (db_cli, reminders_cli, import_cardholders, run_scheduler, create_operator)
