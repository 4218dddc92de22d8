"""Waiting for an operator, callback requests, and what callers thought of the service."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from ivr.store.base import Base, utcnow


class QueueVisit(Base):
    """One stay of a call in Twilio's operator queue, from <Enqueue> to the end of the conversation."""

    __tablename__ = "queue_visits"
    __table_args__ = (
        Index("ix_queue_visits_open", "left_at", "enqueued_at"),
        # Every column the service-level report groups stays by: a month's report reads this index only.
        Index(
            "ix_queue_visits_report_cover",
            "enqueued_at",
            "bridged_at",
            "leaving_for",
            "left_at",
            "operator_id",
            "wait_s",
            "talk_s",
            "wrapup_code",
        ),
        Index("ix_queue_visits_operator_bridged", "operator_id", "bridged_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"), index=True)
    queue_name: Mapped[str] = mapped_column(String(64))
    # What the caller was doing when they asked for a person (the call's purpose and step).
    came_from: Mapped[str] = mapped_column(String(64), default="")
    # A caller aged 65 or over: operators take them before everyone else (ivr/operators/queue.py).
    priority: Mapped[bool] = mapped_column(default=False, server_default=false())
    enqueued_at: Mapped[datetime] = mapped_column(default=utcnow)
    # As Twilio last told the wait URL: place in the queue, seconds waited, the queue's average wait.
    position: Mapped[int | None]
    waited_s: Mapped[int | None]
    average_wait_s: Mapped[int | None]
    last_wait_at: Mapped[datetime | None]
    # The operator line that announced this caller (before <Dial><Queue>), and the one that took them.
    offered_to: Mapped[str | None] = mapped_column(String(64))
    offered_at: Mapped[datetime | None]
    offered_operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    agent_call_sid: Mapped[str | None] = mapped_column(String(64))
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    bridged_at: Mapped[datetime | None]
    # Set when the caller pressed 1 while waiting: the <Leave> that follows is for a callback.
    leaving_for: Mapped[str | None] = mapped_column(String(24))
    left_at: Mapped[datetime | None]
    result: Mapped[str | None] = mapped_column(String(24))
    # Seconds from <Enqueue> to an operator (or to leaving), and of the conversation: kept when the
    # stay ends so the service-level reports add whole numbers instead of subtracting moments.
    wait_s: Mapped[int | None]
    talk_s: Mapped[int | None]
    # What the operator recorded after the conversation (a code from WRAPUP_CODES, a short note).
    wrapup_code: Mapped[str | None] = mapped_column(String(32))
    wrapup_note: Mapped[str | None] = mapped_column(String(200))
    wrapped_at: Mapped[datetime | None]


class OperatorLine(Base):
    """A telephone an operator takes queued callers on, so the agent line knows who answered.

    Caller ID only says which line may try: the operator proves who they are with a PIN (hashed
    like a console password), and the call that proved it is the only one told about callers.
    """

    __tablename__ = "operator_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[str] = mapped_column(String(20), unique=True)
    operator_id: Mapped[int] = mapped_column(ForeignKey("operators.id"), index=True)
    pin_hash: Mapped[str | None] = mapped_column(String(255))
    proven_call_sid: Mapped[str | None] = mapped_column(String(64))
    proven_at: Mapped[datetime | None]


class CallerSms(Base):
    """One SMS a caller made the hotline send (to a number they keyed or called from): what the
    limits per destination, per caller ID and overall count, in the database every process shares."""

    __tablename__ = "caller_sms"
    __table_args__ = (
        Index("ix_caller_sms_destination_at", "destination", "at"),
        Index("ix_caller_sms_caller_at", "caller", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    kind: Mapped[str] = mapped_column(String(40))
    destination: Mapped[str] = mapped_column(String(64))  # keyed digests, never the numbers
    caller: Mapped[str] = mapped_column(String(64))


class CallbackRequest(Base):
    """A caller asked to be called back; never holds an ID number or a password."""

    __tablename__ = "callback_requests"
    __table_args__ = (
        Index("ix_callback_requests_status_created", "status", "created_at"),
        Index("ix_callback_requests_phone_created", "phone", "created_at"),
        # Every column the service-level report groups requests by: the hours it counts live, and the
        # summariser, read them from this index alone.
        Index("ix_callback_requests_report_cover", "created_at", "status", "automatic", "first_attempt_at", "due_by"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # draft while the caller is still confirming the number; open until an outcome closes it.
    status: Mapped[str] = mapped_column(String(16), default="draft")
    # What the caller is told to quote (ivr/store/references.py); given when the request opens.
    reference: Mapped[str | None] = mapped_column(String(7), unique=True)
    phone: Mapped[str | None] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(2), default="zh")
    verified: Mapped[bool] = mapped_column(default=False)
    card_last4: Mapped[str | None] = mapped_column(String(4))
    reason: Mapped[str] = mapped_column(String(24))
    came_from: Mapped[str] = mapped_column(String(64), default="")
    # How many requests from this number were merged into this one (the same day).
    times_asked: Mapped[int] = mapped_column(default=1)
    # Made by the hotline for a caller who hung up after a long wait in the queue, not asked for.
    automatic: Mapped[bool] = mapped_column(default=False, server_default=false())
    # When the caller was told to expect the call, and when 4 staffed hours after the request end.
    expected_from: Mapped[datetime | None]
    due_by: Mapped[datetime | None] = mapped_column(index=True)
    claimed_by: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    claimed_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0)
    first_attempt_at: Mapped[datetime | None]
    last_attempt_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    notes: Mapped[str] = mapped_column(Text, default="")


class CallRating(Base):
    """The caller's answer to "how satisfied were you": asked once per call, silence skips it."""

    __tablename__ = "call_ratings"
    __table_args__ = (Index("ix_call_ratings_report_cover", "asked_at", "operator_id", "score"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"), unique=True)
    asked_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # self_service or operator; the call's outcome when asked; the operator who talked to them.
    context: Mapped[str] = mapped_column(String(16))
    outcome: Mapped[str] = mapped_column(String(24), default="")
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    score: Mapped[int | None]  # 1 satisfied, 2 basically satisfied, 3 dissatisfied; None skipped
    reason: Mapped[int | None]  # the dissatisfied caller's reason digit
    answered_at: Mapped[datetime | None]
