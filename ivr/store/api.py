"""The card API's own tables: bearer tokens and the answers kept for Idempotency-Key replays."""

from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from ivr.store.base import Base, utcnow
from ivr.store.outlets import Outlet


class ApiToken(Base):
    """A bearer token of one integration (an outlet, the card factory); only its hash is kept."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    actor: Mapped[str] = mapped_column(String(24))
    # An outlet's token acts for that outlet only; None: the factory, or a system for every outlet.
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]


class IdempotentRequest(Base):
    """The answer given to one (token, Idempotency-Key), replayed when the request comes again."""

    __tablename__ = "idempotent_requests"
    __table_args__ = (UniqueConstraint("token_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token_id: Mapped[int] = mapped_column(ForeignKey("api_tokens.id"))
    key: Mapped[str] = mapped_column(String(200))
    fingerprint: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int]
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


def forget_old_answers(session, *, now, keep_days):
    """Drop stored answers older than `keep_days`: a client retries within minutes, not weeks."""
    cutoff = now - timedelta(days=keep_days)
    return session.execute(delete(IdempotentRequest).where(IdempotentRequest.created_at < cutoff)).rowcount


def token_named(session, name):
    return session.scalar(select(ApiToken).where(ApiToken.name == name))


def live_token(session, digest):
    """The token whose hash is `digest`, unless revoked; None otherwise."""
    return session.scalar(select(ApiToken).where(ApiToken.token_hash == digest, ApiToken.revoked_at.is_(None)))


def every_token(session):
    """Every token by name, each with the code of the outlet it acts for (None: all, or the factory)."""
    outlets = dict(session.execute(select(Outlet.id, Outlet.code)).all())
    return [(row, outlets.get(row.outlet_id)) for row in session.scalars(select(ApiToken).order_by(ApiToken.name))]


def kept_answer(session, token_id, key):
    """The answer stored for (token, Idempotency-Key), or None."""
    return session.scalar(
        select(IdempotentRequest).where(IdempotentRequest.token_id == token_id, IdempotentRequest.key == key)
    )


def commit_unless_key_taken(session):
    """Commit; False (rolled back) when another request stored an answer for the same key first."""
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return False
    return True
