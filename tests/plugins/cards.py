"""The card-lifecycle tests' helpers: outlets, API tokens and requests, a card put in a given state."""

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from ivr.cards.reports import queue_report_messages
from ivr.directory.demo import DEMO_OUTLETS
from ivr.identity import idnumbers
from ivr.store import Card, CardEvent, Cardholder, OutgoingMessage, Outlet, PrelossReport, db
from tests.plugins import as_fixture
from tests.support.known import HOLDERS, OUTLET_COLUMNS


@pytest.fixture
def outlets(app):
    """The demo outlets (BJ-CY-01, BJ-DC-01, BJ-CITY)."""
    with app.app_context(), db.new_session() as session:
        session.add_all(Outlet(**{c: getattr(o, c) for c in OUTLET_COLUMNS}) for o in DEMO_OUTLETS)
    return [o.code for o in DEMO_OUTLETS]


@pytest.fixture
def make_token(runner):
    """Create an API token through the CLI, as an administrator would; returns the token."""

    def make(name="outlet-cy", actor="operator", outlet=None):
        scope = [] if actor != "operator" else ["--outlet", outlet] if outlet else ["--all-outlets"]
        result = runner.invoke(args=["api-token", "create", name, "--actor", actor, *scope])
        assert result.exit_code == 0, result.output
        return result.output.strip()

    return make


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


fixture_card_of = as_fixture(card_of)
fixture_put_in_state = as_fixture(put_in_state)
fixture_api_post = as_fixture(api_post)
fixture_card_snapshot = as_fixture(card_snapshot)
