"""An outlet's API token moves cards at its own counter only (defect 11 of issue 11)."""

import pytest
from sqlalchemy import select

from ivr.store import ApiToken, CardEvent
from tests.support.cards import card_of, put_in_state
from tests.support.known import HOLDERS

ZHANG = HOLDERS["zhang"]["card_number"]


def move(client, token, **body):
    return client.post(
        "/api/v1/card-moves", json={"card_number": ZHANG, **body}, headers={"Authorization": f"Bearer {token}"}
    )


def card_state(session, app, *, card_of):
    session.expire_all()
    state = card_of(session, config=app.config).state
    session.commit()  # SQLite: a read holds the write lock until its transaction ends
    return state


def test_an_outlet_token_records_moves_at_its_own_counter(app, client, session, cardholders, outlets, make_token):
    chaoyang = make_token("outlet-cy", outlet="BJ-CY-01")
    assert move(client, chaoyang, state="formal_loss").status_code == 201
    assert move(client, chaoyang, state="replacement_applied", outlet_code="BJ-CY-01").status_code == 201
    notes = session.scalars(select(CardEvent.note).order_by(CardEvent.id)).all()
    session.commit()
    assert notes[-2:] == ["outlet BJ-CY-01", "outlet BJ-CY-01"]


@pytest.mark.parametrize(
    "start, body",
    [
        ("active", {"state": "formal_loss", "outlet_code": "BJ-DC-01"}),
        ("in_production", {"state": "ready", "outlet_code": "BJ-DC-01"}),
        ("replacement_applied", {"state": "in_production"}),
    ],
)
def test_an_outlet_token_cannot_act_for_another_outlet_or_the_factory(
    app, client, session, cardholders, outlets, make_token, clock, start, body
):
    put_in_state(session, card_of(session, config=app.config), start, now=clock.now)
    chaoyang = make_token("outlet-cy", outlet="BJ-CY-01")
    response = move(client, chaoyang, **body)
    assert response.status_code == 403
    assert response.get_json()["error"] == "outside_token_scope"
    assert card_state(session, app, card_of=card_of) == start


def test_only_the_outlet_where_the_card_waits_hands_it_over(
    app, client, session, cardholders, outlets, make_token, clock
):
    put_in_state(session, card_of(session, config=app.config), "in_production", now=clock.now)
    factory = make_token("factory", "production")
    assert move(client, factory, state="ready", outlet_code="BJ-DC-01").status_code == 201
    chaoyang, dongcheng = make_token("outlet-cy", outlet="BJ-CY-01"), make_token("outlet-dc", outlet="BJ-DC-01")
    assert move(client, chaoyang, state="collected", new_card_number="B20000001").status_code == 403
    assert card_state(session, app, card_of=card_of) == "ready"
    assert move(client, dongcheng, state="collected", new_card_number="B20000001").status_code == 201


@pytest.mark.parametrize(
    "args, refused",
    [
        (["--actor", "operator"], True),  # neither --outlet nor --all-outlets
        (["--outlet", "NO-SUCH"], True),
        (["--outlet", "BJ-CY-01", "--all-outlets"], True),
        (["--actor", "production", "--outlet", "BJ-CY-01"], True),
        (["--outlet", "BJ-CY-01"], False),
        (["--all-outlets"], False),
    ],
)
def test_creating_a_token_says_whom_it_acts_for(runner, session, outlets, args, refused):
    result = runner.invoke(args=["api-token", "create", "t", *args])
    assert (result.exit_code != 0) == refused, result.output
    assert (session.scalar(select(ApiToken).where(ApiToken.name == "t")) is None) == refused


def test_the_token_list_shows_each_tokens_outlet(runner, outlets, make_token):
    make_token("outlet-cy", outlet="BJ-CY-01")
    make_token("centre")
    listed = {line.split()[0]: line for line in runner.invoke(args=["api-token", "list"]).output.splitlines()}
    assert "BJ-CY-01" in listed["outlet-cy"] and "all outlets" in listed["centre"]
