"""Where a cardholder's card stands, read from its state, its moves and its report."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from ivr.calendar import localtime
from ivr.store import Card, CardEvent, Outlet, PrelossReport


@dataclass(frozen=True)
class Standing:
    """The card's state, the local date it got there, and what the caller needs to hear with it."""

    state: str
    since: date | None = None
    card: Card | None = None
    report: PrelossReport | None = None
    expected_ready_on: date | None = None
    outlet: Outlet | None = None


def moved_at(session, card, state):
    """When the card last moved into `state` (its state_changed_at if no move was recorded)."""
    at = session.scalar(
        select(CardEvent.at)
        .where(CardEvent.card_id == card.id, CardEvent.to_state == state)
        .order_by(CardEvent.at.desc(), CardEvent.id.desc())
        .limit(1)
    )
    if at is None and card.state == state:
        at = card.state_changed_at
    return at


def local_day(moment: datetime | None, tzname):
    return localtime.local(moment, tzname).date() if moment else None


def where_card_stands(session, cardholder, tzname):
    """The Standing of the cardholder's current card ("no_card" when there is none)."""
    card = cardholder.current_card
    if card is None:
        return Standing("no_card")
    state = card.state
    since = moved_at(session, card, state)
    if state == "active" and getattr(card, "replaces_card_id", None):
        # The new card made for a lost one: its replacement was collected when it was created.
        state, since = "collected", card.created_at
    outlet = session.get(Outlet, card.ready_outlet_id) if card.ready_outlet_id else None
    return Standing(
        state=state,
        since=local_day(since, tzname),
        card=card,
        report=card.open_report,
        expected_ready_on=card.expected_ready_on,
        outlet=outlet,
    )
