"""`flask --app app create-operator`: add a console account or reset one."""

import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from .. import clock
from ..store import db
from . import accounts


@click.command("create-operator")
@click.argument("name")
@click.option("--role", type=click.Choice(["operator", "supervisor"]), default="operator", show_default=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              envvar="OPERATOR_PASSWORD", help="Prompted for when not given (or set OPERATOR_PASSWORD).")
@with_appcontext
def create_operator(name, role, password):
    """Create a console operator (or reset an existing one's role and password)."""
    config = current_app.config
    try:
        with db.new_session() as session:
            accounts.create_operator(
                session, name, role, password, method=config["PASSWORD_HASH_METHOD"],
                min_length=config["OPERATOR_PASSWORD_MIN_LENGTH"],
            )
            accounts.audit(session, "cli", "create_operator", now=clock.now(), target=name, detail=role)
    except accounts.AccountError as exc:
        click.echo(f"not created: {exc}", err=True)
        sys.exit(1)
    click.echo(f"operator {name} ({role}) is ready to sign in")


@click.command("deactivate-operator")
@click.argument("name")
@with_appcontext
def deactivate_operator(name):
    """Close a console account (create-operator with the same name opens it again)."""
    try:
        with db.new_session() as session:
            accounts.deactivate_operator(session, name)
            accounts.audit(session, "cli", "deactivate_operator", now=clock.now(), target=name)
    except accounts.AccountError as exc:
        click.echo(f"not changed: {exc}", err=True)
        sys.exit(1)
    click.echo(f"operator {name} can no longer sign in")
