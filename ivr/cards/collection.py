"""Replacement cards waiting at an outlet: the card-ready SMS, its reminders, the uncollected flag."""

import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from ivr.calendar import localtime
from ivr.calendar.outlet_hours import written
from ivr.directory import outlets
from ivr.messaging.notify import notify
from ivr.prompts import hotline_name, speech
from ivr.store import Card, Outlet

log = logging.getLogger(__name__)


def reminder_days(config):
    """COLLECTION_REMINDER_DAYS ("7,30") as whole numbers of days after the card is ready."""
    return [int(part) for part in str(config["COLLECTION_REMINDER_DAYS"]).split(",") if part.strip()]


def collection_facts(card, outlet, language, config):
    ready_day = localtime.local(card.state_changed_at, config["IVR_TIMEZONE"]).date()
    name, address, _ = outlets.named_for(outlet, language)
    return {
        "hotline": hotline_name(language, config),
        "outlet": name,
        "address": address,
        "hours": written(outlet.hours, language),
        "ready_date": speech.short_day(ready_day, language),
    }


def queue_collection_messages(session, card, outlet, *, now, config):
    """The card-ready SMS now, and a reminder on each of COLLECTION_REMINDER_DAYS after it."""
    holder = card.cardholder
    language = holder.language
    facts = collection_facts(card, outlet, language, config)
    subject = f"card:{card.id}"
    notify(
        session,
        "card_ready",
        subject=subject,
        to=holder.mobile,
        due_at=now,
        facts=facts,
        language=language,
        config=config,
    )
    for occurrence, days in enumerate(reminder_days(config), start=1):
        due = localtime.at_local_time(now, config["IVR_TIMEZONE"], config["COLLECTION_REMINDER_AT"], days)
        notify(
            session,
            "collection_reminder",
            subject=subject,
            to=holder.mobile,
            due_at=due,
            facts=facts,
            language=language,
            config=config,
            occurrence=occurrence,
        )


def overdue_cutoff(now, config):
    """The one rule for "uncollected": a card ready at an outlet since this moment or before is overdue.

    The console, the API, the CLI and the scheduler's flag all ask this; the flag only records
    when the scheduler first noticed (for the record and the API), it does not decide.
    """
    return now - timedelta(days=config["COLLECTION_WINDOW_DAYS"])


def flag_uncollected(session, *, now, config):
    """Flag every overdue card not flagged yet; returns them."""
    cutoff = overdue_cutoff(now, config)
    found = list(
        session.scalars(
            select(Card)
            .where(Card.state == "ready", Card.state_changed_at <= cutoff, Card.flagged_uncollected_at.is_(None))
            .with_for_update(skip_locked=True)
        )
    )
    for card in found:
        card.flagged_uncollected_at = now
    if found:
        log.info("flagged %d uncollected cards", len(found))
    return found


@dataclass(frozen=True)
class Waiting:
    """A card ready at an outlet and not collected, with how long it has waited."""

    card: Card
    days_waiting: int
    flagged: bool
    overdue: bool


def uncollected_cards(session, *, now, config, overdue_only=True, outlet_id=None):
    """Cards waiting at an outlet (at `outlet_id` only, when given), longest-waiting first (only
    the overdue ones unless told)."""
    cutoff = overdue_cutoff(now, config)
    statement = select(Card).where(Card.state == "ready").order_by(Card.state_changed_at, Card.id)
    if outlet_id is not None:
        statement = statement.where(Card.ready_outlet_id == outlet_id)
    if overdue_only:
        statement = statement.where(Card.state_changed_at <= cutoff)
    return [
        Waiting(
            card,
            (now - card.state_changed_at).days,
            card.flagged_uncollected_at is not None,
            card.state_changed_at <= cutoff,
        )
        for card in session.scalars(statement)
    ]


def ready_cards(session, *, limit=500):
    """[(card, outlet's name or None)] of every card ready at an outlet, longest waiting first."""
    return session.execute(
        select(Card, Outlet.name)
        .outerjoin(Outlet, Outlet.id == Card.ready_outlet_id)
        .where(Card.state == "ready")
        .order_by(Card.state_changed_at, Card.id)
        .limit(limit)
    ).all()
