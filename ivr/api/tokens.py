"""API bearer tokens: created and revoked from the command line, kept only as a hash."""

import hashlib
import secrets

import click
from flask.cli import AppGroup
from sqlalchemy import select

from .. import clock
from ..store import ApiToken, db

TOKEN_ACTORS = ("operator", "production")


class TokenError(ValueError):
    """A token that cannot be created or revoked as asked."""


def token_hash(token):
    # The token is 256 random bits, so a plain digest is as good as a slow hash and can be looked up.
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(session, name, actor, *, now):
    """Store a new token for `name`; returns the token, which is shown this once and never again."""
    name = name.strip()
    if not name or len(name) > 60:
        raise TokenError("a token needs a name of 1 to 60 characters")
    if actor not in TOKEN_ACTORS:
        raise TokenError(f"actor must be one of {', '.join(TOKEN_ACTORS)}")
    if session.scalar(select(ApiToken.id).where(ApiToken.name == name)) is not None:
        raise TokenError(f"a token named {name!r} exists already (revoke it, or choose another name)")
    token = "ivr_" + secrets.token_urlsafe(32)
    session.add(ApiToken(name=name, token_hash=token_hash(token), actor=actor, created_at=now))
    session.flush()
    return token


def revoke_token(session, name, *, now):
    row = session.scalar(select(ApiToken).where(ApiToken.name == name.strip()))
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
    return session.scalar(
        select(ApiToken).where(ApiToken.token_hash == token_hash(token.strip()), ApiToken.revoked_at.is_(None))
    )


tokens_cli = AppGroup("api-token", help="Bearer tokens for the card API (/api/v1/).")


@tokens_cli.command("create")
@click.argument("name")
@click.option("--actor", type=click.Choice(TOKEN_ACTORS), default="operator", show_default=True,
              help="operator: an outlet's counter system; production: the card factory.")
def create_command(name, actor):
    """Create a token for NAME (shown once; the name is the source in every card's history)."""
    try:
        with db.new_session() as session:
            token = create_token(session, name, actor, now=clock.now())
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
    """Every token: name, actor, created, revoked."""
    with db.new_session() as session:
        for row in session.scalars(select(ApiToken).order_by(ApiToken.name)):
            revoked = row.revoked_at.isoformat() if row.revoked_at else "-"
            click.echo(f"{row.name:<30} {row.actor:<10} {row.created_at.isoformat()}  revoked: {revoked}")
