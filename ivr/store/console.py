"""Operator accounts, their sign-in attempts, and the audit log of what they changed."""

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ivr.store.base import Base, utcnow
from ivr.store.calls import Call, CallEvent
from ivr.store.messages import OutgoingMessage

ROLES = ("operator", "supervisor")


class Operator(UserMixin, Base):
    """A person who signs in to the console; the password is kept only as a slow salted hash."""

    __tablename__ = "operators"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16), default="operator")
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_sign_in_at: Mapped[datetime | None]
    # The console's language for this operator ("zh" or "en"), chosen with the switch in the header.
    language: Mapped[str] = mapped_column(String(8), default="zh", server_default="zh")
    # Every session carries the generation it was signed in under; bumping it (sign-out, password
    # reset, deactivation) ends all of this operator's sessions on every web process at once.
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")

    @property
    def is_supervisor(self):
        return self.role == "supervisor"

    @property
    def is_active(self):
        """Flask-Login: a closed account is no user at all."""
        return bool(self.active)

    def get_id(self):
        """Flask-Login's session id: who, and under which generation (see session_generation)."""
        return f"{self.id}:{self.session_generation}"


class SignInAttempt(Base):
    """One try at signing in, kept in the database so every web process throttles alike."""

    __tablename__ = "sign_in_attempts"
    __table_args__ = (
        Index("ix_sign_in_attempts_name_at", "name", "at"),
        Index("ix_sign_in_attempts_address_at", "address", "at"),
        Index("ix_sign_in_attempts_name_address_at", "name", "address", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    ok: Mapped[bool]


class AuditEntry(Base):
    """Something a person changed or did (console, CLI or API): who, when, from where, what, why."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"), Index("ix_audit_log_action_at", "action", "at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    operator: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(100), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    # Where it came from: "console", "cli" or "api", and the address (or host) it came from.
    channel: Mapped[str] = mapped_column(String(16), default="console", server_default="console")
    address: Mapped[str] = mapped_column(String(64), default="", server_default="")
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")


# Indexes the console's reports need on tables other areas own (declared here so those models
# stay untouched). The first covers every column the dashboard groups calls by, so a 30-day
# dashboard reads one index range and never the table; the next four serve the call-log filters.
def _report_indexes():
    return (
        Index(
            "ix_calls_report_cover",
            Call.started_at,
            Call.purpose,
            Call.outcome,
            Call.step,
            Call.language,
            Call.verified,
            Call.verify_failures,
            Call.duration_s,
            Call.from_number,
        ),
        Index("ix_calls_outcome_started", Call.outcome, Call.started_at),
        Index("ix_calls_purpose_started", Call.purpose, Call.started_at),
        Index("ix_calls_language_started", Call.language, Call.started_at),
        Index("ix_calls_from_started", Call.from_number, Call.started_at),
        Index("ix_call_events_kind_at", CallEvent.kind, CallEvent.at, CallEvent.call_id),
        Index("ix_outgoing_messages_created_state", OutgoingMessage.created_at, OutgoingMessage.state),
    )


_report_indexes()  # defines the indexes on their tables
