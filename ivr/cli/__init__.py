"""Command-line tools: `flask --app app <command>`."""

import sys

import click
from flask import current_app
from flask.cli import AppGroup

from ivr.api.tokens import tokens_cli
from ivr.cli.cards import card_cli
from ivr.cli.operator_line import operator_line
from ivr.cli.operators import create_operator, deactivate_operator, reset_operator_password
from ivr.cli.outlets import import_outlets
from ivr.cli.passwords import passwords_cli
from ivr.cli.progress_bar import progress_bar
from ivr.cli.reports import report
from ivr.cli.sms import reminders_cli
from ivr.cli.sms_templates import sms_cli
from ivr.cli.softphone import call as softphone_call
from ivr.directory.cardholder_csv import import_csv
from ivr.identity import passwords
from ivr.platform import health
from ivr.store import db
from ivr.store.migrate import upgrade
from scheduler import build_scheduler

db_cli = AppGroup("db", help="The database schema.")


@db_cli.command("upgrade")
def db_upgrade():
    """Apply every migration not yet applied (run before starting a new release)."""
    upgrade(current_app.config["DATABASE_URL"])
    click.echo("database is up to date")


@click.command("import-cardholders")
@click.argument("csv_file", type=click.File("r", encoding="utf-8-sig"))
def import_cardholders(csv_file):
    """Insert or update cardholders from CSV: id_number,name,mobile,card_number,service_password[,language]."""
    with db.new_session() as session, progress_bar("importing cardholders") as bar:
        result = import_csv(session, csv_file, current_app.config, progress=bar.advance)
    for line, reason in result.rejected:
        click.echo(f"line {line}: rejected: {reason}", err=True)
    click.echo(f"{result.inserted} inserted, {result.updated} updated, {len(result.rejected)} rejected")
    if result.rejected:
        sys.exit(1)


@click.command("scheduler")
@click.option("--quiet", is_flag=True, help="Do not say that it runs (`python app.py` starts it so).")
def run_scheduler(quiet):
    """Run the scheduler in this process, in the foreground (production: exactly one of these)."""
    refused = health.refusal(current_app, tell=lambda line: click.echo(line, err=True))
    if refused:
        raise click.ClickException(refused)
    if not quiet:
        passwords.warn_if_derived(current_app.config["PASSWORD_KEYRING"])
        click.echo("scheduler running; Ctrl-C to stop")
    scheduler = build_scheduler(current_app._get_current_object(), blocking=True)
    try:
        scheduler.start()
    except KeyboardInterrupt:  # Ctrl-C is how it is stopped ("Ctrl-C to stop"): not an abort to report
        if scheduler.running:
            scheduler.shutdown()


COMMANDS = (
    db_cli,
    reminders_cli,
    sms_cli,
    import_cardholders,
    import_outlets,
    run_scheduler,
    card_cli,
    tokens_cli,
    softphone_call,
    create_operator,
    deactivate_operator,
    reset_operator_password,
    operator_line,
    passwords_cli,
    report,
)
