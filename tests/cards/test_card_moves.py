"""The card state machine: every allowed move is made and recorded, every other one is refused."""

from itertools import product

import pytest
from sqlalchemy import func, select

from ivr.cards import lifecycle
from ivr.cards import states as cards
from ivr.store import CardEvent, OutgoingMessage
from tests.support.cards import card_of, put_in_state

# The rules, written out here so that a change to cards.MOVES has to change this table too.
SPEC = """
active              preloss              phone operator
preloss             active               phone operator scheduler
active              formal_loss          operator
preloss             formal_loss          operator
formal_loss         replacement_applied  operator
replacement_applied in_production        operator production
in_production       ready                operator production
ready               collected            operator
active              cancelled            operator
preloss             cancelled            operator
formal_loss         cancelled            operator
"""
ALLOWED = sorted((frm, to, actor) for frm, to, *actors in map(str.split, SPEC.strip().splitlines()) for actor in actors)
DETAILS = {"outlet_code": "BJ-CY-01", "new_card_number": "B20000001"}


def move(session, card, to, actor, clock, app, **details):
    return lifecycle.change_card_state(
        session, card, to, actor=actor, source=f"test:{actor}", now=clock(), config=app.config, **details
    )


def counts(session):
    return (
        session.scalar(select(func.count()).select_from(CardEvent)),
        session.scalar(select(func.count()).select_from(OutgoingMessage)),
    )


@pytest.mark.parametrize("frm, to, actor", ALLOWED)
def test_every_allowed_move_is_made_and_recorded(frm, to, actor, app, session, cardholders, outlets, clock):
    card = put_in_state(session, card_of(session, config=app.config), frm, now=clock())
    event = move(session, card, to, actor, clock, app, **DETAILS)
    session.commit()
    assert card.state == to
    stored = session.scalars(select(CardEvent).where(CardEvent.card_id == card.id)).all()
    assert [(e.from_state, e.to_state, e.actor, e.source, e.at) for e in stored] == [
        (frm, to, actor, f"test:{actor}", clock())
    ]
    assert event.id == stored[0].id


@pytest.mark.parametrize("frm", cards.STATES)
def test_every_other_move_is_refused_and_changes_nothing(frm, app, session, cardholders, outlets, clock):
    card = put_in_state(session, card_of(session, config=app.config), frm, now=clock())
    before = counts(session)
    wrongly_allowed = []
    for to, actor in product(cards.STATES, cards.ACTORS):
        if (frm, to, actor) in ALLOWED:
            continue
        with pytest.raises(cards.BadMove) as refused:
            move(session, card, to, actor, clock, app, **DETAILS)
        assert (refused.value.current, refused.value.wanted) == (frm, to)
        assert frm in str(refused.value) and to in str(refused.value)
        session.rollback()
        if card.state != frm:
            wrongly_allowed.append((to, actor))
    assert wrongly_allowed == []
    assert counts(session) == before


def test_the_machine_allows_exactly_the_spec():
    assert sorted((f, t, a) for (f, t), actors in cards.MOVES.items() for a in actors) == ALLOWED


def test_moves_nobody_may_make(app):
    """The states a card can never leave, and the moves no actor may make, as a reader expects."""
    assert cards.next_states("collected", "operator") == []
    assert cards.next_states("cancelled", "operator") == []
    assert not cards.can_move("formal_loss", "active", "operator")  # a formal report cannot be undone
    assert not cards.can_move("active", "formal_loss", "production")  # the factory does not take reports
    assert not cards.can_move("ready", "collected", "production")  # collection happens at a counter
    assert set(cards.STATES) == {s for pair in cards.MOVES for s in pair}
