"""The card-lifecycle tests' helpers: outlets, API tokens and requests, a card put in a given state."""

import json
from datetime import timedelta

from sqlalchemy import func, select

from ivr.cards.reports import queue_report_messages
from ivr.identity import idnumbers
from ivr.store import Card, CardEvent, Cardholder, OutgoingMessage, PrelossReport
from tests.support.known import HOLDERS


def card_of(session, holder="zhang", config=None):
    number_hash = idnumbers.card_hash(config["ID_HASH_KEY"], HOLDERS[holder]["card_number"])
    return session.scalar(select(Card).where(Card.number_hash == number_hash))


def put_in_state(session, card, state, *, now):
    """Put a card straight into `state` (the machine is tested elsewhere), with a report if preloss."""
    card.state = state
    card.state_changed_at = now
    if state == "preloss":
        report = PrelossReport(
            reference=f"{card.id:08d}",
            card_id=card.id,
            filed_at=now,
            expires_at=now + timedelta(days=10),
            status="active",
        )
        session.add(report)
        session.flush()
        holder = session.get(Cardholder, card.cardholder_id)
        queue_report_messages(
            session,
            report,
            card,
            holder,
            call_id=None,
            now=now,
            config={"IVR_TIMEZONE": "Asia/Shanghai", "FORMAL_REMINDER_AT": "10:00", "HOTLINE_NAME": ""},
        )
    session.commit()
    return card


def api_post(client, path, body, token=None, key=None, raw=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if key:
        headers["Idempotency-Key"] = key
    data = raw if raw is not None else json.dumps(body)
    return client.post(f"/api/v1/{path}", data=data, headers=headers)


def card_snapshot(session):
    """What a refused request must leave as it was."""
    session.expire_all()
    seen = (
        session.scalars(select(Card.state).order_by(Card.id)).all(),
        session.scalar(select(func.count()).select_from(CardEvent)),
        session.scalar(select(func.count()).select_from(OutgoingMessage)),
    )
    session.commit()  # SQLite: any transaction holds the write lock the app needs
    return seen
