"""The card API answers as its OpenAPI document says (schemathesis, a bounded number of examples)."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from .cardlife import make_token, outlets  # noqa: F401

EXAMPLES = 30


@pytest.mark.parametrize("path, method", [("/card-moves", "POST"), ("/card-lookup", "POST"),
                                          ("/uncollected-cards", "GET")])
def test_api_conforms_to_its_openapi_document(path, method, app, cardholders, outlets, make_token):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operation = schema[path][method]
    headers = {"Authorization": f"Bearer {make_token()}"}

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def check(case):
        case.call_and_validate(headers=headers)

    check()


def test_requests_without_a_token_get_the_documented_401(app):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operation = schema["/card-moves"]["POST"]

    @settings(max_examples=5, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def check(case):
        response = case.call()
        assert response.status_code == 401
        case.validate_response(response)

    check()


JOURNEY = [
    {"state": "formal_loss", "outlet_code": "BJ-CY-01", "note": "at counter 3"},
    {"state": "replacement_applied"},
    {"state": "in_production"},
    {"state": "ready", "outlet_code": "BJ-CY-01"},
    {"state": "ready", "outlet_code": "BJ-CY-01"},  # a second time: the documented 409
    {"state": "collected", "new_card_number": "B20000001"},
]


def test_a_whole_journey_conforms_to_the_document(app, cardholders, outlets, make_token):
    """Random card numbers are unknown cards; these known ones take the successful paths too."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    headers = {"Authorization": f"Bearer {make_token()}"}
    statuses = []
    for step in JOURNEY:
        case = schema["/card-moves"]["POST"].Case(body={"card_number": "A10000001", **step}, media_type="application/json")
        statuses.append(case.call_and_validate(headers=headers).status_code)
    lookup = schema["/card-lookup"]["POST"].Case(body={"card_number": "B20000001"}, media_type="application/json")
    statuses.append(lookup.call_and_validate(headers=headers).status_code)
    listing = schema["/uncollected-cards"]["GET"].Case(query={"all": "1"})
    statuses.append(listing.call_and_validate(headers=headers).status_code)
    assert statuses == [201, 201, 201, 201, 409, 201, 200, 200]
