"""`flask --app app operator-line NAME PHONE`: the desk phone an operator takes queued callers on,
and the PIN they key on it (caller ID alone proves nothing: it is forgeable)."""

import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from ivr.calendar import clock
from ivr.console import accounts
from ivr.identity import phones
from ivr.operators import lines, roster
from ivr.store import OperatorLine, db


def read_pin(from_stdin):
    """The PIN from the first line of stdin (for scripts), or asked for twice without echo."""
    shortest, longest = lines.PIN_DIGITS
    if from_stdin:
        return sys.stdin.readline().strip()
    click.echo(f"PIN rule: {shortest} to {longest} digits, keyed on the phone")
    return click.prompt("PIN", hide_input=True, confirmation_prompt=True).strip()


def refuse(message):
    click.echo(f"not changed: {message}", err=True)
    sys.exit(1)


@click.command("operator-line")
@click.argument("name")
@click.argument("phone", required=False)
@click.option("--remove", is_flag=True, help="Forget the operator's line.")
@click.option("--pin-stdin", is_flag=True, help="Read the line's PIN from the first line of stdin instead of asking.")
@with_appcontext
def operator_line(name, phone, remove, pin_stdin):
    """Register (or with --remove forget) the phone an operator calls the agent line from, with its PIN."""
    config = current_app.config
    line = OperatorLine()
    if not remove:
        try:
            line.phone = e164 = phones.to_e164(phone or "", config.get("DEFAULT_REGION", "CN"))
            lines.set_pin(line, read_pin(pin_stdin), method=config["PASSWORD_HASH_METHOD"])  # slow: before the session
        except (phones.BadPhoneNumber, lines.BadPin) as exc:
            refuse(exc)
    with db.new_session() as session:
        operator = roster.operator_named(session, name)
        if operator is None:
            click.echo(f"no operator named {name}", err=True)
            sys.exit(1)
        if remove:
            lines.drop_lines(session, operator)
            accounts.audit(session, "cli", "operator_line", now=clock.now(), target=name, detail="removed")
            session.commit()
            click.echo(f"{name} has no operator line")
            return
        try:
            lines.give_line(session, operator, line)
        except lines.LineTaken as exc:
            refuse(exc)
        accounts.audit(session, "cli", "operator_line", now=clock.now(), target=name, detail=phones.mask(e164))
        session.commit()
    click.echo(f"{name} takes queued callers on {phones.mask(e164)}, after keying the line's PIN")
