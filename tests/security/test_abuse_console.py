"""Abuse of the console's addresses: searches that outlive a sign-out, forged tokens, personal data in URLs."""

import json

import pytest
from flask import g

from ivr.console import search_tokens
from tests.support.console import read_page, sign_in
from tests.support.known import HOLDERS

ZHANG_ID = HOLDERS["zhang"]["id_number"]


def caller_search(client, read_page, typed="138 0013 8000"):
    """The call log filtered by a caller: the address it redirects to (with the opaque q=)."""
    token = read_page(client, "/console/calls").csrf()
    response = client.post(
        "/console/calls", data={"csrf_token": token, "caller": typed, "first": "2026-11-19", "last": "2026-11-25"}
    )
    assert response.status_code == 303
    return response.headers["Location"]


def test_a_search_ends_with_the_session_it_was_made_in(operator):
    where = caller_search(operator, read_page)
    assert read_page(operator, where).having("data-call-id")
    operator.post("/console/sign-out", data={"csrf_token": read_page(operator, "/console/").csrf()})
    assert sign_in(operator, "ming").status_code == 302  # the same operator, a new session
    stale = operator.get(where)
    assert stale.status_code == 400 and "data-call-id" not in stale.get_data(as_text=True)


@pytest.mark.parametrize(
    "payload", [[1, 2], "text", 42, None, {"by": None}, {"values": [1]}, {"values": {"caller": [1]}}]
)
def test_a_token_signed_with_our_key_but_not_an_object_gets_400(app, operator, payload):
    with app.test_request_context():
        g.operator = None
        forged = search_tokens._fernet().encrypt(json.dumps(payload).encode()).decode()
    response = operator.get(f"/console/calls?q={forged}")
    assert response.status_code == 400


@pytest.mark.parametrize("typed", [ZHANG_ID, "13800138000", "+86 138 0013 8000"])
def test_an_id_number_in_the_reference_filter_never_reaches_a_url(operator, typed):
    token = read_page(operator, "/console/calls").csrf()
    response = operator.post("/console/calls", data={"csrf_token": token, "reference": typed})
    assert response.status_code == 400 and "Location" not in response.headers
    page = response.get_data(as_text=True)
    assert typed not in page and typed.replace(" ", "") not in page


@pytest.mark.parametrize("path", [f"/console/references/{ZHANG_ID}", f"/console/calls?reference={ZHANG_ID}"])
def test_a_typed_address_with_an_id_number_is_not_echoed_into_the_page(operator, path):
    response = operator.get(path)
    assert response.status_code in (400, 404)
    page = response.get_data(as_text=True)
    assert ZHANG_ID not in page  # nor in the hidden `next` of the language switch


def test_plain_filters_still_come_back_after_the_language_switch(operator):
    page = read_page(operator, "/console/calls?outcome=report_filed&reference=12345678")
    (field,) = [e for e in page.find(name="next")]
    assert field["attrs"]["value"] == "/console/calls?outcome=report_filed&reference=12345678"
