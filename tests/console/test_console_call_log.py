"""The call log as an operator uses it: newest first, masked callers, filters, opaque search
tokens, pages, the timeline of one call and the CSV."""

import csv
import io

import pytest

from tests.support.console import add_callback_on_a_call, make_operator, parse_page, read_page, sign_in
from tests.support.known import REFERENCE


def listed_calls(client, query="", *, read_page):
    shown = read_page(client, "/console/calls?first=2026-11-19&last=2026-11-25" + query)
    return [int(e["attrs"]["data-call-id"]) for e in shown.having("data-call-id")]


def test_call_log_lists_newest_first_with_masked_callers(operator, history):
    shown = read_page(operator, "/console/calls?first=2026-11-19&last=2026-11-25")
    rows = shown.having("data-call-id")
    assert len(rows) == 11
    callers = [e["text"] for e in shown.elements if e["attrs"].get("class") == "caller"]
    assert callers[0] == "+86 133****3000" and "+86 138****8000" in callers
    assert "13800138000" not in operator.get("/console/calls?range=7d").get_data(as_text=True)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("&outcome=abandoned", [2, 7]),
        ("&language=en", [2, 6]),
        ("&purpose=progress", [5]),
        ("&reference=" + REFERENCE, [1]),
        ("&reference=87654321", []),
        ("&outcome=report_filed&language=en", []),
    ],
)
def test_call_log_filters(operator, history, query, expected):
    ids = history["calls"]
    assert listed_calls(operator, query, read_page=read_page) == [ids[n - 1] for n in expected]


def test_call_log_filters_by_a_callback_reference_too(app, operator, history):
    call_id, _ = add_callback_on_a_call(app, "7654321")
    assert listed_calls(operator, "&reference=7654321", read_page=read_page) == [call_id]
    assert listed_calls(operator, "&reference=7654320", read_page=read_page) == []


@pytest.mark.parametrize("typed, expected", [("138 0013 8000", [2, 1]), ("+8613912345678", [4, 3])])
def test_call_log_filters_by_a_caller_posted_never_in_the_url(operator, history, typed, expected):
    token = read_page(operator, "/console/calls").csrf()
    response = operator.post(
        "/console/calls", data={"csrf_token": token, "caller": typed, "first": "2026-11-19", "last": "2026-11-25"}
    )
    assert response.status_code == 303
    where = response.headers["Location"]
    assert "q=" in where and not any(part in where for part in ("13800138000", "8000", "13912345678", "5678"))
    shown = read_page(operator, where)
    ids = history["calls"]
    assert [int(e["attrs"]["data-call-id"]) for e in shown.having("data-call-id")] == [ids[n - 1] for n in expected]
    csv_link = shown.find(id="calls-csv")[0]["attrs"]["href"]
    assert "q=" in csv_link and "caller" not in csv_link
    rows = list(csv.reader(io.StringIO(operator.get(csv_link).get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == 1 + len(expected)


def test_a_caller_number_in_the_url_is_refused(operator, history):
    response = operator.get("/console/calls?range=7d&caller=%2B8613800138000")
    assert response.status_code == 400
    assert "13800138000" not in response.get_data(as_text=True)


def test_a_search_token_is_opaque_and_refused_when_altered(operator, history):
    import base64
    from urllib.parse import parse_qs, urlsplit

    token = read_page(operator, "/console/calls").csrf()
    where = operator.post("/console/calls", data={"csrf_token": token, "caller": "13800138000"}).headers["Location"]
    q = parse_qs(urlsplit(where).query)["q"][0]
    assert "8000" not in base64.urlsafe_b64decode(q + "==").decode("latin-1")
    assert "8000" not in operator.get_cookie("session").value
    altered = q[:-6] + ("A" if q[-6] != "A" else "B") + q[-5:]
    assert operator.get("/console/calls", query_string={"q": altered}).status_code == 400


def test_a_search_token_used_by_another_operator_finds_nothing(app, operator, history):
    token = read_page(operator, "/console/calls").csrf()
    where = operator.post("/console/calls", data={"csrf_token": token, "caller": "13800138000"}).headers["Location"]
    other = app.test_client()
    make_operator(app, "lan", "operator")
    assert sign_in(other, "lan").status_code == 302
    assert other.get(where).status_code == 400


@pytest.mark.parametrize(
    "query", ["&caller=not-a-number", "&reference=123", "&reference=123456", "&outcome=DROP TABLE", "&first=yesterday"]
)
def test_bad_filters_get_a_400_that_says_why(operator, query):
    response = operator.get("/console/calls?range=7d" + query)
    assert response.status_code == 400
    assert parse_page(response.get_data(as_text=True)).find(role="alert")


def test_call_log_pages(app, operator, history):
    app.config["CONSOLE_PAGE_SIZE"] = 4
    first = read_page(operator, "/console/calls?first=2026-11-19&last=2026-11-25")
    assert len(first.having("data-call-id")) == 4 and first.find(rel="next")
    third = read_page(operator, "/console/calls?first=2026-11-19&last=2026-11-25&page=3")
    assert len(third.having("data-call-id")) == 3 and not third.find(rel="next")


def test_timeline_shows_steps_choices_and_sms_without_digits(operator, history):
    shown = read_page(operator, f"/console/calls/{history['first_call']}")
    kinds = [e["attrs"]["data-kind"] for e in shown.having("data-kind")]
    assert kinds[0] == "call_started" and "report_filed" in kinds and kinds[-1] == "outcome"
    text = " ".join(e["text"] for e in shown.find(id="timeline"))
    assert "menu: Report a lost card" in text and "digits not kept" in text and REFERENCE in text
    assert [e["attrs"]["data-state"] for e in shown.having("data-state")] == ["delivered"]
    assert shown.text_of(id="caller") == ["+86 138****8000"]


def test_unknown_call_is_a_404(operator):
    assert operator.get("/console/calls/999999").status_code == 404


def test_calls_csv_has_every_filtered_call_masked(operator, history):
    response = operator.get("/console/calls.csv?first=2026-11-19&last=2026-11-25&outcome=abandoned")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [r["Call"] for r in rows] == [str(history["calls"][6]), str(history["calls"][1])]
    # a spreadsheet would run "+86 ..." as a formula: the apostrophe keeps it text
    assert rows[1]["Caller"] == "'+86 138****8000" and rows[1]["Last step"] == "Service password"
    assert rows[1]["Started"] == "2026-11-25T09:40:00+08:00" and rows[1]["Outcome"] == "Caller hung up"


def test_calls_csv_carries_the_reference(operator, history):
    text = operator.get(f"/console/calls.csv?range=7d&reference={REFERENCE}").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [(r["Outcome"], r["Reference"]) for r in rows] == [("Report filed", REFERENCE)]
