"""Two systems move one card at once: one wins, the other gets 409; on SQLite and on PostgreSQL."""

import threading

import pytest
from sqlalchemy import func, select

from ivr.store import Card, CardEvent, db
from tests.support.cards import card_of, put_in_state
from tests.support.known import HOLDERS, OUTLET_COLUMNS


@pytest.fixture
def ready_card_app(race_app, clock):
    """Both databases, with the demo outlets and Zhang's card ready for collection."""
    from ivr.directory.demo import DEMO_OUTLETS
    from ivr.store import Outlet

    with race_app.app_context(), db.new_session() as session:
        session.add_all(Outlet(**{c: getattr(o, c) for c in OUTLET_COLUMNS}) for o in DEMO_OUTLETS)
        session.flush()
        card = card_of(session, config=race_app.config)
        put_in_state(session, card, "ready", now=clock())
    return race_app


def token_for(app):
    result = app.test_cli_runner().invoke(args=["api-token", "create", "outlet-cy", "--all-outlets"])
    assert result.exit_code == 0, result.output
    return result.output.strip()


def at_once(app, requests):
    """Send the requests from threads released together; returns their (status, body) in order."""
    barrier = threading.Barrier(len(requests), timeout=30)
    answers = [None] * len(requests)

    def send(index, headers, body):
        client = app.test_client()
        barrier.wait()
        response = client.post("/api/v1/card-moves", json=body, headers=headers)
        answers[index] = (response.status_code, response.get_json())

    threads = [threading.Thread(target=send, args=(i, *r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


def stored(app):
    with app.app_context(), db.new_session() as session:
        return (
            session.scalar(select(func.count()).select_from(CardEvent)),
            session.scalars(select(Card.number_last4).where(Card.replaces_card_id.is_not(None))).all(),
        )


@pytest.mark.parametrize("round_", range(3))
def test_conflicting_collections_one_wins_the_other_409(ready_card_app, round_):
    token = token_for(ready_card_app)
    card = HOLDERS["zhang"]["card_number"]
    answers = at_once(
        ready_card_app,
        [
            (
                {"Authorization": f"Bearer {token}", "Idempotency-Key": "counter-1"},
                {"card_number": card, "state": "collected", "new_card_number": "B20000001"},
            ),
            (
                {"Authorization": f"Bearer {token}", "Idempotency-Key": "counter-2"},
                {"card_number": card, "state": "collected", "new_card_number": "B20000002"},
            ),
        ],
    )
    assert sorted(status for status, _ in answers) == [201, 409]
    loser = next(body for status, body in answers if status == 409)
    assert (loser["error"], loser["current_state"], loser["wanted_state"]) == ("bad_move", "collected", "collected")
    winner = next(body for status, body in answers if status == 201)
    events, new_cards = stored(ready_card_app)
    assert events == 1 and new_cards == [winner["move"]["note"][-4:]]


def test_same_key_at_once_is_done_once_and_both_get_the_answer(ready_card_app):
    token = token_for(ready_card_app)
    request = (
        {"Authorization": f"Bearer {token}", "Idempotency-Key": "batch-9"},
        {"card_number": HOLDERS["zhang"]["card_number"], "state": "collected", "new_card_number": "B20000001"},
    )
    answers = at_once(ready_card_app, [request, request])
    assert [status for status, _ in answers] == [201, 201]
    assert answers[0][1] == answers[1][1]
    assert stored(ready_card_app) == (1, ["0001"])
