"""Calls keyed by Twilio's CallSid, their events, and identity-check bookkeeping."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ivr.store.base import Base, utcnow


class Call(Base):
    """One phone call and where it is in the IVR; any web process can answer its next step."""

    __tablename__ = "calls"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_sid: Mapped[str] = mapped_column(String(64), unique=True)
    from_number: Mapped[str] = mapped_column(String(32), default="")
    language: Mapped[str] = mapped_column(String(2), default="zh")
    step: Mapped[str] = mapped_column(String(32), default="language")
    # Every reply's action URLs carry the turn they answer; anything else is stale or a retry.
    turn: Mapped[int] = mapped_column(default=0)
    step_failures: Mapped[int] = mapped_column(default=0)
    verify_failures: Mapped[int] = mapped_column(default=0)
    purpose: Mapped[str | None] = mapped_column(String(24))
    outcome: Mapped[str | None] = mapped_column(String(24), index=True)
    # Identity in progress: a keyed hash and a yes/no, never the digits themselves.
    id_hash: Mapped[str | None] = mapped_column(String(64))
    # The keyed ID number's last four, to read back again after a silence (as the masked ID of a
    # cardholder shows them); cleared with the rest of the identity.
    id_last4: Mapped[str | None] = mapped_column(String(4))
    cardholder_id: Mapped[int | None] = mapped_column(ForeignKey("cardholders.id"))
    # The mobile's last four as the caller said them, read back and awaiting their yes: a keyed
    # hash, never the digits; cleared with the rest of the identity.
    heard_hash: Mapped[str | None] = mapped_column(String(64))
    password_ok: Mapped[bool] = mapped_column(default=False)
    verified: Mapped[bool] = mapped_column(default=False)
    # Aged 65 or over (by caller ID or the keyed ID number's birth date): a person is offered
    # first and the operator queue takes them first.
    senior: Mapped[bool] = mapped_column(default=False, server_default=false())
    started_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    ended_at: Mapped[datetime | None]
    duration_s: Mapped[int | None]
    twilio_status: Mapped[str | None] = mapped_column(String(24))
    # Twilio retries a webhook it got no answer to: the same request gets the same reply.
    last_request_digest: Mapped[str | None] = mapped_column(String(64))
    last_reply: Mapped[str | None] = mapped_column(Text)

    events: Mapped[list["CallEvent"]] = relationship(order_by="CallEvent.id")


class CallEvent(Base):
    """What happened at one moment of a call, for the call log (never the digits keyed)."""

    __tablename__ = "call_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    step: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(String(200), default="")


class VerificationAttempt(Base):
    """One answer to the security questions for an ID number (by its hash), right or wrong."""

    __tablename__ = "verification_attempts"
    __table_args__ = (Index("ix_verification_attempts_hash_at", "id_hash", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    id_hash: Mapped[str] = mapped_column(String(64))
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    ok: Mapped[bool]


class Lockout(Base):
    """Phone verification for an ID number is refused until `locked_until`."""

    __tablename__ = "lockouts"
    __table_args__ = (Index("ix_lockouts_hash_until", "id_hash", "locked_until"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    id_hash: Mapped[str] = mapped_column(String(64))
    locked_at: Mapped[datetime] = mapped_column(default=utcnow)
    locked_until: Mapped[datetime]
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id"))
