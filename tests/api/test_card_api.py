"""The card API: tokens, validation, idempotent repeats, lookups; nothing changes on a refusal."""

import pytest
from sqlalchemy import func, select

from ivr.store import CardEvent, OutgoingMessage
from tests.support.cards import api_post, card_of, card_snapshot, put_in_state
from tests.support.known import HOLDERS

ZHANG_CARD = HOLDERS["zhang"]["card_number"]


@pytest.fixture
def token(make_token):
    return make_token("outlet-cy")


def test_outlet_records_a_formal_report(client, session, cardholders, token, clock):
    response = api_post(client, "card-moves", {"card_number": ZHANG_CARD, "state": "formal_loss"}, token)
    assert response.status_code == 201
    body = response.get_json()
    assert body["card"]["state"] == "formal_loss" and body["card"]["number_last4"] == "0001"
    assert body["move"] | {"id": 0} == {
        "id": 0,
        "card_id": body["card"]["id"],
        "card_last4": "0001",
        "at": "2026-11-25T10:00:00+08:00",
        "from_state": "active",
        "to_state": "formal_loss",
        "actor": "operator",
        "source": "api:outlet-cy",
        "note": "",
    }
    event = session.scalar(select(CardEvent))
    assert (event.actor, event.source) == ("operator", "api:outlet-cy")


def test_full_journey_through_the_api(client, session, cardholders, outlets, make_token, clock):
    outlet, factory = make_token("outlet-cy"), make_token("factory", "production")
    steps = [
        (outlet, {"state": "formal_loss", "outlet_code": "BJ-CY-01"}),
        (outlet, {"state": "replacement_applied"}),
        (factory, {"state": "in_production"}),
        (factory, {"state": "ready", "outlet_code": "BJ-CY-01"}),
        (outlet, {"state": "collected", "new_card_number": "B20000001"}),
    ]
    for token, body in steps:
        response = api_post(client, "card-moves", {"card_number": ZHANG_CARD, **body}, token)
        assert response.status_code == 201, response.get_json()
        card = response.get_json()["card"]
        if body["state"] == "replacement_applied":
            assert card["expected_ready_on"] == "2026-12-16"
        if body["state"] == "ready":
            assert card["ready_outlet"]["code"] == "BJ-CY-01"
    assert card["replaced_by_card_id"] is not None
    lookup = api_post(client, "card-lookup", {"card_number": "B20000001"}, outlet).get_json()
    assert lookup["card"]["state"] == "active" and lookup["card"]["replaces_card_id"] == card["id"]
    assert [(m["to_state"], m["source"]) for m in lookup["history"]] == [
        ("formal_loss", "api:outlet-cy"),
        ("replacement_applied", "api:outlet-cy"),
        ("in_production", "api:factory"),
        ("ready", "api:factory"),
        ("collected", "api:outlet-cy"),
    ]


def test_lookup_never_shows_full_numbers(client, cardholders, token):
    response = api_post(client, "card-lookup", {"card_number": ZHANG_CARD}, token)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert HOLDERS["zhang"]["id_number"] not in text and ZHANG_CARD not in text
    assert response.get_json()["card"]["cardholder_id_masked"] == "110105********002X"


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer ivr_not-a-token", "Basic dXNlcjpwYXNz", "ivr_x"])
@pytest.mark.parametrize("path", ["card-moves", "card-lookup"])
def test_missing_or_bad_token_is_401_and_changes_nothing(header, path, client, session, cardholders, token):
    before = card_snapshot(session)
    headers = {"Authorization": header} if header else {}
    response = client.post(f"/api/v1/{path}", json={"card_number": ZHANG_CARD, "state": "formal_loss"}, headers=headers)
    assert response.status_code == 401
    assert response.get_json()["error"] == "unauthorized" and response.get_json()["reason"]
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert card_snapshot(session) == before


def test_revoked_token_is_refused(client, runner, cardholders, token):
    assert api_post(client, "card-lookup", {"card_number": ZHANG_CARD}, token).status_code == 200
    assert runner.invoke(args=["api-token", "revoke", "outlet-cy"]).exit_code == 0
    response = api_post(client, "card-lookup", {"card_number": ZHANG_CARD}, token)
    assert response.status_code == 401 and response.get_json()["reason"] == "unknown or revoked token"


def test_tokens_are_stored_hashed_and_names_are_unique(runner, session, token):
    from ivr.store import ApiToken

    row = session.scalar(select(ApiToken))
    assert row.name == "outlet-cy" and token not in row.token_hash and len(row.token_hash) == 64
    session.commit()
    again = runner.invoke(args=["api-token", "create", "outlet-cy", "--all-outlets"])
    assert again.exit_code != 0 and "exists already" in again.output
    assert "outlet-cy" in runner.invoke(args=["api-token", "list"]).output


@pytest.mark.parametrize(
    "raw, status, error",
    [
        ("{not json", 400, "malformed_json"),
        ("", 400, "malformed_json"),
        ("\xff\xfe", 400, "malformed_json"),
        ('["a list"]', 400, "bad_request"),
        ('{"state": "formal_loss"}', 422, "invalid_request"),
        ('{"card_number": "A10000001"}', 422, "invalid_request"),
        ('{"card_number": "A10000001", "state": "void"}', 422, "invalid_request"),
        ('{"card_number": "A10000001", "state": "active"}', 422, "invalid_request"),
        ('{"card_number": 10000001, "state": "formal_loss"}', 422, "invalid_request"),
        ('{"card_number": "A10000001", "state": "formal_loss", "colour": "red"}', 422, "invalid_request"),
        ('{"card_number": "A10000001", "state": "formal_loss", "note": 5}', 422, "invalid_request"),
        ('{"card_number": "Z99999999", "state": "formal_loss"}', 404, "unknown_card"),
        ('{"card_number": "A10000001", "state": "ready", "outlet_code": "BJ-CY-01"}', 409, "bad_move"),
        ('{"card_number": "A10000001", "state": "formal_loss", "outlet_code": "NOWHERE"}', 422, "unknown_outlet"),
        ('{"card_number": "A10000001", "state": "collected", "new_card_number": "A10000002"}', 409, "bad_move"),
    ],
)
def test_bad_requests_get_a_json_reason_and_change_nothing(
    raw, status, error, client, session, cardholders, outlets, token
):
    before = card_snapshot(session)
    response = api_post(client, "card-moves", None, token, raw=raw.encode("latin-1"))
    assert response.status_code == status
    assert response.get_json()["error"] == error and response.get_json()["reason"]
    assert card_snapshot(session) == before


def test_bad_move_names_both_states(client, cardholders, token):
    response = api_post(
        client, "card-moves", {"card_number": ZHANG_CARD, "state": "collected", "new_card_number": "B20000001"}, token
    )
    body = response.get_json()
    assert response.status_code == 409
    assert (body["current_state"], body["wanted_state"]) == ("active", "collected")
    assert "active" in body["reason"] and "collected" in body["reason"]


def test_factory_may_not_take_a_formal_report(client, session, cardholders, make_token):
    response = api_post(
        client, "card-moves", {"card_number": ZHANG_CARD, "state": "formal_loss"}, make_token("factory", "production")
    )
    assert response.status_code == 409 and "production" in response.get_json()["reason"]


def test_same_idempotency_key_gives_the_same_answer_and_moves_once(
    client, session, cardholders, outlets, app, token, clock
):
    put_in_state(session, card_of(session, config=app.config), "in_production", now=clock())
    body = {"card_number": ZHANG_CARD, "state": "ready", "outlet_code": "BJ-CY-01"}
    first = api_post(client, "card-moves", body, token, key="factory-batch-17/A10000001")
    second = api_post(client, "card-moves", dict(reversed(body.items())), token, key="factory-batch-17/A10000001")
    assert (first.status_code, second.status_code) == (201, 201)
    assert second.get_json() == first.get_json()
    assert second.headers.get("Idempotent-Replayed") == "true" and "Idempotent-Replayed" not in first.headers
    assert session.scalar(select(func.count()).select_from(CardEvent)) == 1
    kinds = session.scalars(select(OutgoingMessage.kind)).all()
    assert sorted(kinds) == ["card_ready", "collection_reminder", "collection_reminder"]
    session.commit()
    # Without the key, the same request is a second move, which the machine refuses.
    assert api_post(client, "card-moves", body, token).status_code == 409


def test_a_key_reused_for_another_request_is_refused(client, session, cardholders, token):
    assert (
        api_post(client, "card-moves", {"card_number": ZHANG_CARD, "state": "formal_loss"}, token, key="k1").status_code
        == 201
    )
    before = card_snapshot(session)
    response = api_post(client, "card-moves", {"card_number": "A10000002", "state": "formal_loss"}, token, key="k1")
    assert response.status_code == 422 and response.get_json()["error"] == "idempotency_key_reused"
    assert card_snapshot(session) == before


def test_keys_belong_to_one_token(client, session, cardholders, make_token):
    one, two = make_token("outlet-a"), make_token("outlet-b")
    assert (
        api_post(client, "card-moves", {"card_number": ZHANG_CARD, "state": "formal_loss"}, one, key="k1").status_code
        == 201
    )
    response = api_post(client, "card-moves", {"card_number": "A10000002", "state": "formal_loss"}, two, key="k1")
    assert response.status_code == 201 and response.get_json()["card"]["number_last4"] == "0002"


@pytest.mark.parametrize("key", ["", "   ", "x" * 201])
def test_bad_idempotency_key_is_400(key, client, session, cardholders, token):
    before = card_snapshot(session)
    response = api_post(
        client, "card-moves", {"card_number": ZHANG_CARD, "state": "formal_loss"}, token, key=key or " "
    )
    assert response.status_code == 400 and response.get_json()["error"] == "bad_idempotency_key"
    assert card_snapshot(session) == before


def test_uncollected_cards_listed_for_the_outlets(client, session, cardholders, outlets, app, token, clock):
    from datetime import timedelta

    from ivr.cards.collection import flag_uncollected

    card = put_in_state(session, card_of(session, config=app.config), "ready", now=clock())
    card.ready_outlet_id = 1
    session.commit()
    assert client.get("/api/v1/uncollected-cards", headers={"Authorization": f"Bearer {token}"}).get_json() == {
        "cards": []
    }
    every = client.get("/api/v1/uncollected-cards?all=1", headers={"Authorization": f"Bearer {token}"}).get_json()
    assert [c["days_waiting"] for c in every["cards"]] == [0]
    clock.advance(timedelta(days=181))
    flag_uncollected(session, now=clock(), config=app.config)
    session.commit()
    flagged = client.get("/api/v1/uncollected-cards", headers={"Authorization": f"Bearer {token}"}).get_json()
    assert [(c["number_last4"], c["days_waiting"]) for c in flagged["cards"]] == [("0001", 181)]
    assert flagged["cards"][0]["flagged_uncollected_at"] is not None


def test_openapi_document_is_served_without_a_token(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.") and "/card-moves" in document["paths"]


def test_answers_to_idempotency_keys_are_forgotten_after_a_week(client, session, cardholders, app, token, clock):
    from datetime import timedelta

    from ivr.store import IdempotentRequest
    from scheduler.cards import forget_idempotency_keys

    body = {"card_number": ZHANG_CARD, "state": "formal_loss"}
    assert api_post(client, "card-moves", body, token, key="k-old").status_code == 201
    clock.advance(timedelta(days=6))
    assert api_post(client, "card-moves", body, token, key="k-old").headers.get("Idempotent-Replayed") == "true"
    clock.advance(timedelta(days=1, minutes=1))
    assert forget_idempotency_keys(app) == 1
    session.commit()
    assert session.scalar(select(func.count()).select_from(IdempotentRequest)) == 0
