"""`flask --app app create-operator` and friends: console accounts from the command line."""

import getpass
import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from ivr.calendar import clock
from ivr.console import accounts
from ivr.store import audit, db


def ask_password(password):
    """The password given, or asked for twice with the rule stated before it is typed."""
    if password:
        return password
    rule = accounts.password_rule(current_app.config["OPERATOR_PASSWORD_MIN_LENGTH"])
    click.echo(f"Password rule: {rule}")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def account_change(action, name, change, done, detail=""):
    """Run one change and audit it as done from the CLI by this login; a refused change exits 1 and says why."""
    try:
        with db.new_session() as session:
            change(session)
            accounts.audit(
                session,
                getpass.getuser(),
                action,
                now=clock.now(),
                target=name,
                detail=detail,
                channel="cli",
                address=audit.cli_address(),
            )
    except accounts.AccountError as exc:
        click.echo(f"not changed: {exc}", err=True)
        sys.exit(1)
    click.echo(done)


PASSWORD = click.option(
    "--password", envvar="OPERATOR_PASSWORD", help="Asked for (with its rule) when not given; or set OPERATOR_PASSWORD."
)


@click.command("create-operator")
@click.argument("name")
@click.option("--role", type=click.Choice(["operator", "supervisor"]), default="operator", show_default=True)
@PASSWORD
@with_appcontext
def create_operator(name, role, password):
    """Create a console operator (or reset an existing one's role and password)."""
    config = current_app.config
    password = ask_password(password)
    account_change(
        "create_operator",
        name,
        lambda session: accounts.create_operator(
            session,
            name,
            role,
            password,
            method=config["PASSWORD_HASH_METHOD"],
            min_length=config["OPERATOR_PASSWORD_MIN_LENGTH"],
        ),
        f"operator {name} ({role}) is ready to sign in",
        detail=role,
    )


@click.command("reset-operator-password")
@click.argument("name")
@PASSWORD
@with_appcontext
def reset_operator_password(name, password):
    """Give an operator a new password; every session they have open ends."""
    config = current_app.config
    password = ask_password(password)
    account_change(
        "reset_operator_password",
        name,
        lambda session: accounts.reset_password(
            session,
            name,
            password,
            method=config["PASSWORD_HASH_METHOD"],
            min_length=config["OPERATOR_PASSWORD_MIN_LENGTH"],
        ),
        f"operator {name} has a new password and was signed out everywhere",
    )


@click.command("deactivate-operator")
@click.argument("name")
@with_appcontext
def deactivate_operator(name):
    """Close a console account (create-operator with the same name opens it again)."""
    account_change(
        "deactivate_operator",
        name,
        lambda session: accounts.deactivate_operator(session, name),
        f"operator {name} can no longer sign in",
    )
