"""Cardholders, their cards, what happened to each card, and pre-loss reports."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ivr.store.base import Base, utcnow


class Cardholder(Base):
    """A person holding a social security card; the ID number is kept only as a keyed hash."""

    __tablename__ = "cardholders"

    id: Mapped[int] = mapped_column(primary_key=True)
    id_hash: Mapped[str] = mapped_column(String(64), unique=True)
    id_masked: Mapped[str] = mapped_column(String(18))
    area_code: Mapped[str] = mapped_column(String(6), index=True)
    name: Mapped[str] = mapped_column(String(100))
    mobile: Mapped[str] = mapped_column(String(20), index=True)  # who is calling, by caller ID
    password_hash: Mapped[str] = mapped_column(String(200))
    password_is_initial: Mapped[bool] = mapped_column(default=False)
    language: Mapped[str] = mapped_column(String(2), default="zh")
    # Only the year of birth (from the ID number at import): enough to offer a person first to a
    # caller aged 65 or over, too little to rebuild the ID number with area code and last four.
    born_in: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    cards: Mapped[list["Card"]] = relationship(back_populates="cardholder", order_by="Card.id")

    @property
    def current_card(self):
        """The card the cardholder holds now: the newest one that is not void."""
        live = [card for card in self.cards if card.state != "void"]
        return live[-1] if live else None


class Card(Base):
    """One social security card and where it stands in its life (see ivr/cards/states.py)."""

    __tablename__ = "cards"

    id: Mapped[int] = mapped_column(primary_key=True)
    cardholder_id: Mapped[int] = mapped_column(ForeignKey("cardholders.id"), index=True)
    number_hash: Mapped[str] = mapped_column(String(64), unique=True)
    number_last4: Mapped[str] = mapped_column(String(4))
    state: Mapped[str] = mapped_column(String(24), default="active", index=True)
    state_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set as the replacement moves on: when it should be ready, and where it waits.
    expected_ready_on: Mapped[date | None]
    ready_outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id"))
    # The lost card this one was made to replace (see ivr/cards/states.py), and when a card left ready
    # too long was flagged for the operators (ivr/lifecycle.flag_uncollected).
    replaces_card_id: Mapped[int | None] = mapped_column(ForeignKey("cards.id"))
    flagged_uncollected_at: Mapped[datetime | None]

    cardholder: Mapped[Cardholder] = relationship(back_populates="cards")
    reports: Mapped[list["PrelossReport"]] = relationship(back_populates="card", order_by="PrelossReport.id")

    @property
    def open_report(self):
        """The pre-loss report that is suspending this card now, if any."""
        return next((r for r in reversed(self.reports) if r.status == "active"), None)


class CardEvent(Base):
    """One move of a card from a state to another: when, who, and through what."""

    __tablename__ = "card_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    from_state: Mapped[str] = mapped_column(String(24))
    to_state: Mapped[str] = mapped_column(String(24))
    actor: Mapped[str] = mapped_column(String(24))
    source: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class PrelossReport(Base):
    """A phone pre-loss report: it suspends the card until it lapses, is cancelled or made formal."""

    __tablename__ = "preloss_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(8), unique=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"), index=True)
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id"), index=True)
    filed_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(16), default="active", index=True)
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[str | None] = mapped_column(String(100))

    card: Mapped[Card] = relationship(back_populates="reports")
