"""`flask --app app operator-line NAME PHONE`: the desk phone an operator takes queued callers on."""

import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from ivr.calendar import clock
from ivr.console import accounts
from ivr.identity import phones
from ivr.store import Operator, OperatorLine, db


@click.command("operator-line")
@click.argument("name")
@click.argument("phone", required=False)
@click.option("--remove", is_flag=True, help="Forget the operator's line.")
@with_appcontext
def operator_line(name, phone, remove):
    """Register (or with --remove forget) the phone an operator calls the agent line from."""
    with db.new_session() as session:
        operator = session.scalar(select(Operator).where(Operator.name == name))
        if operator is None:
            click.echo(f"no operator named {name}", err=True)
            sys.exit(1)
        for line in session.scalars(select(OperatorLine).where(OperatorLine.operator_id == operator.id)):
            session.delete(line)
        if remove:
            accounts.audit(session, "cli", "operator_line", now=clock.now(), target=name, detail="removed")
            session.commit()
            click.echo(f"{name} has no operator line")
            return
        try:
            e164 = phones.to_e164(phone or "", current_app.config.get("DEFAULT_REGION", "CN"))
        except phones.BadPhoneNumber as exc:
            click.echo(f"not changed: {exc}", err=True)
            sys.exit(1)
        session.flush()
        taken = session.scalar(select(OperatorLine).where(OperatorLine.phone == e164))
        if taken is not None:
            click.echo("not changed: that phone is another operator's line", err=True)
            sys.exit(1)
        session.add(OperatorLine(phone=e164, operator_id=operator.id))
        accounts.audit(session, "cli", "operator_line", now=clock.now(), target=name, detail=phones.mask(e164))
        session.commit()
    click.echo(f"{name} takes queued callers on {phones.mask(e164)}")
