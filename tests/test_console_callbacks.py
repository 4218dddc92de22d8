"""The console's callback work list, live queue, rating figures and CSV, as operators use them."""

import csv
import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from ivr.store import AuditEntry, CallbackRequest, Operator, OperatorLine, db

from .conftest import HOLDERS, START
from .console_data import Page, make_operator, sign_in, stored
from .menu_calls import file_report
from .queue_calls import QUEUE, OperatorLine as Line, leave_queue


def add_requests(app):
    """Two open callbacks: one from yesterday (overdue) and one from now."""
    with app.app_context(), db.new_session() as session:
        session.add_all([
            CallbackRequest(status="open", phone="+8613912345678", reason="closed", language="en", created_at=START
                            - timedelta(days=1), due_by=START - timedelta(hours=20), came_from="operator"),
            CallbackRequest(status="open", phone="+8613800138000", reason="initial_password", language="zh",
                            created_at=START, due_by=START + timedelta(hours=4), came_from="report:initial_password"),
        ])
        session.commit()
        return [r.id for r in session.scalars(select(CallbackRequest).order_by(CallbackRequest.id))]


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:400]
    return Page(response.get_data(as_text=True))


def post(client, url, data, status=302):
    token = page(client, "/console/callbacks").csrf()
    response = client.post(url, data={"csrf_token": token, **data})
    assert response.status_code == status, response.get_data(as_text=True)[:400]
    return response


@pytest.fixture
def two_operators(app):
    make_operator(app, "ming", "operator")
    make_operator(app, "hua", "supervisor")
    ming, hua = app.test_client(), app.test_client()
    assert sign_in(ming, "ming").status_code == 302 and sign_in(hua, "hua").status_code == 302
    return ming, hua


def test_work_list_oldest_first_overdue_marked_claimed_by_one(app, two_operators):
    ming, hua = two_operators
    old, new = add_requests(app)
    shown = page(ming, "/console/callbacks")
    rows = shown.having("data-callback-id")
    assert [int(r["attrs"]["data-callback-id"]) for r in rows] == [old, new]
    assert rows[0]["attrs"]["class"] == "overdue-row" and "overdue" in rows[0]["text"]
    assert rows[1]["attrs"]["class"] == ""
    assert "+86 139****5678" in rows[0]["text"]  # masked until claimed

    post(ming, f"/console/callbacks/{old}/claim", {})
    assert "+8613912345678" in page(ming, "/console/callbacks").text_of(id=f"callback-{old}")[0]
    theirs = page(hua, "/console/callbacks").text_of(id=f"callback-{old}")[0]
    assert "ming" in theirs and "+8613912345678" not in theirs
    post(hua, f"/console/callbacks/{old}/claim", {}, status=409)
    post(hua, f"/console/callbacks/{old}/outcome", {"outcome": "reached"}, status=409)

    post(ming, f"/console/callbacks/{old}/outcome", {"outcome": "no_answer", "note": "rang 10 times"})
    (request,) = stored(app, select(CallbackRequest).where(CallbackRequest.id == old))
    assert (request.status, request.attempts, request.claimed_by) == ("open", 1, None)
    assert "rang 10 times" in page(hua, "/console/callbacks").text_of(id=f"callback-{old}")[0]

    post(hua, f"/console/callbacks/{old}/claim", {})
    post(hua, f"/console/callbacks/{old}/outcome", {"outcome": "reached", "note": "told her to visit an outlet"})
    assert [int(r["attrs"]["data-callback-id"]) for r in page(ming, "/console/callbacks").having("data-callback-id")] == [new]
    actions = [a.action for a in stored(app, select(AuditEntry).order_by(AuditEntry.id))]
    assert actions.count("callback_claim") == 2 and actions.count("callback_outcome") == 2


def test_live_queue_shows_waiting_then_connected_with_the_whisper(app, two_operators, phone, cardholders):
    ming, _ = two_operators
    app.config["OPERATOR_QUEUE"] = QUEUE
    with app.app_context(), db.new_session() as session:
        hua = session.scalar(select(Operator.id).where(Operator.name == "hua"))
        session.add(OperatorLine(phone="+8613900001111", operator_id=hua))
        session.commit()
    call = file_report(phone, HOLDERS["zhang"], "en")
    call.press("*")
    call.press("0")
    shown = page(ming, "/console/queue")
    (row,) = shown.having("data-state")
    assert row["attrs"]["data-state"] == "waiting"
    assert "identity verified, card ending 0 0 0 1, reported lost by phone" in row["text"]
    line = Line(phone)
    line.ring()
    line.take(call)
    (row,) = page(ming, "/console/queue").having("data-state")
    assert row["attrs"]["data-state"] == "connected" and "hua" in row["text"]
    line.hang_up()
    leave_queue(call, "bridged")
    call.press("1")
    assert page(ming, "/console/queue").having("data-state") == []

    dashboard = page(ming, "/console/?range=today")
    assert dashboard.text_of(data_figure="rating_1") == ["1"]
    assert "hua" in " ".join(dashboard.text_of(id="ratings-by-operator"))
    (call_id,) = [int(e["attrs"]["data-call-id"]) for e in page(ming, "/console/calls?range=today").having("data-call-id")]
    assert page(ming, f"/console/calls/{call_id}").text_of(id="rating") == ["Satisfied"]
    exported = ming.get("/console/calls.csv?range=today").get_data(as_text=True).lstrip("\ufeff")
    (line_,) = list(csv.DictReader(io.StringIO(exported)))
    assert (line_["rating"], line_["rating_reason"], line_["outcome"]) == ("1", "", "report_filed")


def test_dashboard_counts_callbacks(app, two_operators):
    ming, _ = two_operators
    add_requests(app)
    shown = page(ming, "/console/?first=2026-11-24&last=2026-11-25")
    assert shown.text_of(data_figure="callbacks_requested") == ["2"]
    assert shown.text_of(data_figure="callbacks_unreached") == ["1"]  # the overdue one
    assert shown.text_of(data_figure="callbacks_reached_in_time") == ["0"]
