"""Finding a caller or a card by every key an operator may have, and what a search leaves behind:
the full ID number (or any typed personal key) is in no table, log, URL or page after it."""

import logging
import sqlite3

import pytest

from tests.support.console import CALLBACK_REFERENCES, add_callback_on_a_call, add_requests, parse_page
from tests.support.known import HOLDERS, REFERENCE

ZHANG = HOLDERS["zhang"]


def search(client, key, value, *, parse_page, **extra):
    token = parse_page(client.get("/console/search").get_data(as_text=True)).csrf()
    return client.post("/console/search", data={"csrf_token": token, "key": key, "value": value, **extra})


def holders_found(response, *, parse_page):
    shown = parse_page(response.get_data(as_text=True))
    return [" ".join(e["text"].split()) for e in shown.find(id="found-holders")]


@pytest.mark.parametrize(
    "key, value",
    [
        ("id_number", ZHANG["id_number"]),
        ("id_number", ZHANG["id_number"].lower()),  # an x typed small
        ("name", ZHANG["name"]),
        ("mobile", "138 0013 8000"),
        ("mobile", "+86 13800138000"),
    ],
)
def test_a_cardholder_is_found_by_id_number_name_or_mobile(operator, history, key, value):
    response = search(operator, key, value, parse_page=parse_page)
    assert response.status_code == 200
    [table] = holders_found(response, parse_page=parse_page)
    assert ZHANG["name"] in table and "110105********002X" in table and "+86 138****8000" in table
    assert ZHANG["id_number"] not in table and "13800138000" not in table


def test_last_four_of_a_mobile_with_dates_finds_who_called_or_reported_then(operator, history):
    found = search(operator, "mobile4", "8000", first="2026-11-19", last="2026-11-25", parse_page=parse_page)
    assert ZHANG["name"] in holders_found(found, parse_page=parse_page)[0]
    none = search(operator, "mobile4", "8000", first="2026-10-01", last="2026-10-10", parse_page=parse_page)
    assert not holders_found(none, parse_page=parse_page) and parse_page(none.get_data(as_text=True)).find(
        id="not-found"
    )


@pytest.mark.parametrize(
    "key, value, count", [("caller", "13800138000", 2), ("caller4", "8000", 2), ("caller4", "0000", 0)]
)
def test_calls_are_found_by_caller_number_full_or_last_four(operator, history, key, value, count):
    response = search(operator, key, value, first="2026-11-19", last="2026-11-25", parse_page=parse_page)
    shown = parse_page(response.get_data(as_text=True))
    rows = [e for e in shown.find(id="found-calls")]
    links = [
        e["attrs"]["href"]
        for e in shown.elements
        if e["tag"] == "a" and "/console/calls/" in e["attrs"].get("href", "")
    ]
    timeline_links = [h for h in links if h.rsplit("/", 1)[-1].isdigit()]
    assert len(timeline_links) == count and (rows or count == 0)
    assert all("13800138000" not in h for h in links)


def test_a_reference_or_card_number_opens_its_card(operator, history):
    by_reference = search(operator, "reference", REFERENCE, parse_page=parse_page)
    assert by_reference.status_code == 303 and by_reference.headers["Location"].endswith(
        f"/cards/{history['report_card']}"
    )
    by_card = search(operator, "card", ZHANG["card_number"].lower(), parse_page=parse_page)
    assert by_card.status_code == 303 and by_card.headers["Location"].endswith(f"/cards/{history['report_card']}")
    assert ZHANG["card_number"] not in by_card.headers["Location"]


def test_a_callback_reference_opens_the_call_it_was_asked_on_or_its_row_in_the_work_list(app, operator):
    old, _new = add_requests(app)  # made with no call
    call_id, asked_id = add_callback_on_a_call(app, "7654321")
    found = search(operator, "reference", "7654321", parse_page=parse_page)
    assert found.status_code == 303
    assert found.headers["Location"].endswith(f"/console/calls/{call_id}#callback-{asked_id}")
    page = parse_page(operator.get(found.headers["Location"]).get_data(as_text=True))
    assert page.text_of(id=f"callback-{asked_id}") == ["7654321 (Open)"]
    found = search(operator, "reference", CALLBACK_REFERENCES[0], parse_page=parse_page)
    assert found.status_code == 303 and found.headers["Location"].endswith(f"/console/callbacks#callback-{old}")


@pytest.mark.parametrize(
    "key, value, says",
    [
        ("reference", "87654321", "No pre-loss report or callback request has the reference 87654321."),
        ("reference", "7654321", "No pre-loss report or callback request has the reference 7654321."),
        ("card", "Z99999999", "No card has that number."),
    ],
)
def test_an_unknown_reference_or_card_says_what_was_not_found_with_the_search_box(operator, history, key, value, says):
    response = search(operator, key, value, parse_page=parse_page)
    assert response.status_code == 404
    shown = parse_page(response.get_data(as_text=True))
    assert says in " ".join(shown.text_of(id="not-found")) and shown.find(id="search-box")
    if key == "card":
        assert value not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "key, value",
    [
        ("id_number", "110105194912310021"),
        ("reference", "123"),
        ("reference", "123456"),  # neither a report's 8 digits nor a callback's 7
        ("reference", "１２３４５６７"),  # full-width digits are not a reference
        ("mobile4", "80"),
        ("mobile", "hello"),
        ("nonsense", "x"),
        ("name", ""),
    ],
)
def test_a_malformed_key_is_explained(operator, history, key, value):
    response = search(operator, key, value, parse_page=parse_page)
    assert response.status_code == 400
    assert parse_page(response.get_data(as_text=True)).find(id="search-problem")


def test_the_full_id_number_is_in_no_table_log_url_or_page_after_a_search(app, operator, history, caplog, tmp_path):
    caplog.set_level(logging.DEBUG)
    number = ZHANG["id_number"]
    response = search(operator, "id_number", number, parse_page=parse_page)
    html = response.get_data(as_text=True)
    assert number not in html and number.lower() not in html  # the field comes back empty
    field = parse_page(html).find(id="search-value")[0]
    assert field["attrs"].get("value", "") == ""
    assert "id_number" not in response.request.url and number not in response.request.url
    for record in caplog.records:
        assert number not in record.getMessage()
    with app.app_context():
        path = app.config["DATABASE_URL"].removeprefix("sqlite:///")
    dump = "\n".join(sqlite3.connect(path).iterdump())
    assert number not in dump and number[:17] not in dump
