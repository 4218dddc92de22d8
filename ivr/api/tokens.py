"""API bearer tokens: created and revoked from the command line, kept only as a hash."""

import hashlib
import secrets

import click
from flask.cli import AppGroup

from ivr.calendar import clock
from ivr.directory import outlets
from ivr.store import ApiToken, db
from ivr.store.api import every_token, live_token, token_named

TOKEN_ACTORS = ("operator", "production")


class TokenError(ValueError):
    """A token that cannot be created or revoked as asked."""


def token_hash(token):
    # The token is 256 random bits, so a plain digest is as good as a slow hash and can be looked up.
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(session, name, actor, *, now, outlet_code=None, all_outlets=False):
    """Store a new token for `name`; returns the token, which is shown this once and never again.

    An operator token acts for one outlet (`outlet_code`), or for every outlet when `all_outlets`
    says so explicitly (the card centre's own system); the factory's token has no outlet.
    """
    name = name.strip()
    if not name or len(name) > 60:
        raise TokenError("a token needs a name of 1 to 60 characters")
    if actor not in TOKEN_ACTORS:
        raise TokenError(f"actor must be one of {', '.join(TOKEN_ACTORS)}")
    outlet = token_outlet(session, actor, outlet_code, all_outlets)
    if token_named(session, name) is not None:
        raise TokenError(f"a token named {name!r} exists already (revoke it, or choose another name)")
    token = "ivr_" + secrets.token_urlsafe(32)
    session.add(
        ApiToken(
            name=name,
            token_hash=token_hash(token),
            actor=actor,
            created_at=now,
            outlet_id=outlet.id if outlet else None,
        )
    )
    session.flush()
    return token


def token_outlet(session, actor, outlet_code, all_outlets):
    """The outlet a new token acts for; an operator token must name one or say every outlet."""
    if actor == "production":
        if outlet_code or all_outlets:
            raise TokenError("the card factory's token is not an outlet's: leave out --outlet/--all-outlets")
        return None
    if bool(outlet_code) == bool(all_outlets):
        raise TokenError("an operator token needs --outlet CODE (one outlet) or --all-outlets (the card centre)")
    if all_outlets:
        return None
    outlet = outlets.by_code(session, outlet_code.strip())
    if outlet is None:
        raise TokenError(f"no outlet has the code {outlet_code.strip()!r}")
    return outlet


def revoke_token(session, name, *, now):
    row = token_named(session, name.strip())
    if row is None:
        raise TokenError(f"no token is named {name!r}")
    if row.revoked_at is None:
        row.revoked_at = now
    return row


def authenticate(session, header):
    """The live token in an `Authorization: Bearer ...` header, or None."""
    scheme, _, token = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return live_token(session, token_hash(token.strip()))


tokens_cli = AppGroup("api-token", help="Bearer tokens for the card API (/api/v1/).")


@tokens_cli.command("create")
@click.argument("name")
@click.option(
    "--actor",
    type=click.Choice(TOKEN_ACTORS),
    default="operator",
    show_default=True,
    help="operator: an outlet's counter system; production: the card factory.",
)
@click.option("--outlet", "outlet_code", help="The outlet an operator token acts for (its code).")
@click.option("--all-outlets", is_flag=True, help="An operator token for every outlet (the card centre).")
def create_command(name, actor, outlet_code, all_outlets):
    """Create a token for NAME (shown once; the name is the source in every card's history)."""
    try:
        with db.new_session() as session:
            token = create_token(
                session, name, actor, now=clock.now(), outlet_code=outlet_code, all_outlets=all_outlets
            )
    except TokenError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(token)


@tokens_cli.command("revoke")
@click.argument("name")
def revoke_command(name):
    """Revoke the token named NAME: it is refused from now on."""
    try:
        with db.new_session() as session:
            revoke_token(session, name, now=clock.now())
    except TokenError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"token {name!r} revoked")


@tokens_cli.command("list")
def list_command():
    """Every token: name, actor, the outlet it acts for, created, revoked."""
    with db.new_session() as session:
        for row, outlet_code in every_token(session):
            revoked = row.revoked_at.isoformat() if row.revoked_at else "-"
            scope = "-" if row.actor == "production" else outlet_code or "all outlets"
            click.echo(f"{row.name:<30} {row.actor:<10} {scope:<20} {row.created_at.isoformat()}  revoked: {revoked}")
