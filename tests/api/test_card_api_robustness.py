"""The card API under hostile input (defect 9 of issue 11): never a 500, and never a check that
disagrees with the OpenAPI document the outlets and the factory program against."""

import pytest
from openapi_schema_validator import OAS30Validator, OAS31Validator

from tests.support.cards import api_post, card_snapshot
from tests.support.known import HOLDERS

ZHANG_CARD = HOLDERS["zhang"]["card_number"]


@pytest.fixture
def token(make_token):
    return make_token("outlet-cy")


@pytest.mark.parametrize("path", ["card-moves", "card-lookup"])
@pytest.mark.parametrize(
    "raw",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"card_number": "A10000001", "state": "formal_loss", "note": ' + "[" * 5000 + "]" * 5000 + "}",
        '{"card_number": "A10000001", "state": "formal_loss", "note": "\\ud800"}',
        '{"card_number": "\\udfff", "state": "formal_loss"}',
    ],
)
def test_deep_nesting_and_lone_surrogates_are_refused_not_a_500(path, raw, client, session, cardholders, token):
    before = card_snapshot(session)
    for key in (None, "batch-1"):
        response = api_post(client, path, None, token, key=key, raw=raw.encode())
        assert response.status_code in (400, 422), response.get_data(as_text=True)[:200]
        assert response.get_json()["reason"]
    assert card_snapshot(session) == before


@pytest.mark.parametrize(
    "method, path, allowed",
    [
        ("GET", "card-moves", {"POST"}),
        ("DELETE", "card-lookup", {"POST"}),
        ("POST", "uncollected-cards", {"GET"}),
        ("PUT", "openapi.json", {"GET"}),
    ],
)
def test_a_wrong_method_is_405_with_allow(method, path, allowed, client, token):
    response = client.open(f"/api/v1/{path}", method=method, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 405
    offered = {m.strip() for m in response.headers.get("Allow", "").split(",") if m.strip()}
    assert allowed <= offered and method not in offered


@pytest.mark.parametrize("value", ["yes", "2", "", "true"])
def test_an_undocumented_all_is_refused(value, client, token):
    response = client.get(f"/api/v1/uncollected-cards?all={value}", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 422 and response.get_json()["error"] == "invalid_request"


@pytest.mark.parametrize("key", ["two words", "tab\there", "ключ", " lead"])
def test_an_idempotency_key_outside_the_documented_pattern_is_400(key, client, session, cardholders, token):
    before = card_snapshot(session)
    response = client.post(
        "/api/v1/card-moves",
        json={"card_number": ZHANG_CARD, "state": "formal_loss"},
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key.encode().decode("latin-1")},
    )
    assert response.status_code == 400 and response.get_json()["error"] == "bad_idempotency_key"
    assert card_snapshot(session) == before


BODIES = [
    {"card_number": " A10000001", "state": "formal_loss"},
    {"card_number": "A10000001 ", "state": "formal_loss"},
    {"card_number": "A1000000１", "state": "formal_loss"},  # a full-width digit
    {"card_number": "A10000001", "state": "formal_loss", "note": " "},
    {"card_number": "A10000001", "state": "formal_loss", "note": "x" * 501},
    {"card_number": "A10000001", "state": "formal_loss", "note": None},
    {"card_number": "A10000001", "state": "formal_loss", "outlet_code": " "},
    {"card_number": "A10000001", "state": "formal_loss", "outlet_code": "BJ CY"},
    {"card_number": "A10000001", "state": "collected", "new_card_number": "B2000 0001"},
    {"card_number": "A10000001", "state": "formal_loss"},
]


def request_schema(document, name):
    validator = OAS31Validator if document["openapi"].startswith("3.1") else OAS30Validator
    schema = dict(document["components"]["schemas"][name], components=document["components"])
    return validator(schema)


@pytest.mark.parametrize("body", BODIES)
def test_the_api_refuses_exactly_what_its_document_refuses(body, client, cardholders, outlets, token):
    document = client.get("/api/v1/openapi.json").get_json()
    documented = request_schema(document, "MoveRequest").is_valid(body)
    response = api_post(client, "card-moves", body, token)
    assert response.status_code != 500
    refused_as_invalid = response.status_code in (400, 422) and response.get_json()["error"] in (
        "invalid_request",
        "bad_request",
    )
    assert documented != refused_as_invalid, (documented, response.status_code, response.get_json())
