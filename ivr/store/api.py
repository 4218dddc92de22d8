"""The card API's own tables: bearer tokens and the answers kept for Idempotency-Key replays."""

from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, delete
from sqlalchemy.orm import Mapped, mapped_column

from ivr.store.base import Base, utcnow


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
