"""Outgoing SMS: every message is a row, from queued to delivered, failed or cancelled."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ivr.store.base import Base, utcnow

MESSAGE_STATES = ("pending", "sending", "sent", "delivered", "failed", "cancelled")


class OutgoingMessage(Base):
    """One SMS to one number; (subject, kind, occurrence) makes queueing it twice a no-op."""

    __tablename__ = "outgoing_messages"
    __table_args__ = (
        UniqueConstraint("subject", "kind", "occurrence"),
        Index("ix_outgoing_messages_state_due", "state", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(64))
    occurrence: Mapped[int] = mapped_column(default=1)
    to_number: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(2), default="zh")
    body: Mapped[str] = mapped_column(Text)
    # What `body` was composed from, {"key": catalogue key, "params": {name: value}}: a provider
    # that sends only approved templates sends these (ivr/messaging/templates.py).
    template: Mapped[dict | None] = mapped_column(JSON)
    due_at: Mapped[datetime] = mapped_column(default=utcnow)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    provider_sid: Mapped[str | None] = mapped_column(String(64), index=True)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None]
    # Set just before the provider is called: a row still "sending" with this set and its lease
    # gone may have reached the cardholder, so it is looked up, never blindly sent again.
    handed_at: Mapped[datetime | None]
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
