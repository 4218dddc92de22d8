"""Safe card moves: no target chosen for the supervisor, a reason and a second look before lifting a
suspension or ending a card, the cardholder told by SMS, and every move (console, CLI, API) audited."""

import csv
import io

import pytest
from sqlalchemy import select

from ivr.store import AuditEntry, Card, OutgoingMessage, PrelossReport, db
from tests.support.console import parse_page, stored
from tests.support.known import HOLDERS, REFERENCE


def card_page(client, card_id, *, parse_page):
    response = client.get(f"/console/cards/{card_id}")
    assert response.status_code == 200
    return parse_page(response.get_data(as_text=True))


def move(client, card_id, *, parse_page, **form):
    token = card_page(client, card_id, parse_page=parse_page).csrf()
    return client.post(f"/console/cards/{card_id}/move", data={"csrf_token": token, **form})


def state_of(app, card_id, *, stored):
    return stored(app, select(Card.state).where(Card.id == card_id))[0]


def messages(app, kind, *, stored):
    return stored(app, select(OutgoingMessage).where(OutgoingMessage.kind == kind))


def test_the_move_list_has_no_target_chosen(supervisor, history):
    shown = card_page(supervisor, history["report_card"], parse_page=parse_page)
    start = shown.elements.index(shown.find(name="wanted")[0])
    options = []
    for element in shown.elements[start + 1 :]:
        if element["tag"] != "option":
            break
        options.append(element)
    assert [o["attrs"]["value"] for o in options if "selected" in o["attrs"]] == [""]
    assert "disabled" in options[0]["attrs"] and {"active", "formal_loss", "cancelled"} <= {
        o["attrs"]["value"] for o in options
    }


def test_a_move_with_no_target_changes_nothing(app, supervisor, history):
    response = move(supervisor, history["report_card"], parse_page=parse_page)
    assert response.status_code == 302
    assert state_of(app, history["report_card"], stored=stored) == "preloss"


@pytest.mark.parametrize("wanted", ["active", "cancelled"])
def test_lifting_or_ending_asks_for_a_reason_and_a_confirmation_first(app, supervisor, history, wanted):
    response = move(supervisor, history["report_card"], wanted=wanted, parse_page=parse_page)
    assert response.status_code == 200
    shown = parse_page(response.get_data(as_text=True))
    assert shown.find(id="move-confirm") and shown.find(id="confirm-move")
    assert state_of(app, history["report_card"], stored=stored) == "preloss"
    # confirmed without a reason: asked again, still nothing changed
    again = move(supervisor, history["report_card"], wanted=wanted, confirmed="yes", parse_page=parse_page)
    assert again.status_code == 200 and parse_page(again.get_data(as_text=True)).find(role="alert")
    assert state_of(app, history["report_card"], stored=stored) == "preloss"
    assert stored(app, select(AuditEntry).where(AuditEntry.action == "card_move")) == []


def test_lifting_a_suspension_tells_the_cardholder_as_a_phone_cancel_does(app, supervisor, history):
    response = move(
        supervisor,
        history["report_card"],
        wanted="active",
        confirmed="yes",
        reason="card found at home",
        parse_page=parse_page,
    )
    assert response.status_code == 302
    assert state_of(app, history["report_card"], stored=stored) == "active"
    [report] = stored(app, select(PrelossReport).where(PrelossReport.reference == REFERENCE))
    assert report.status == "cancelled"
    [sms] = messages(app, "preloss_cancelled", stored=stored)
    assert sms.to_number == "+86" + HOLDERS["zhang"]["mobile"] and sms.state == "pending"
    assert REFERENCE in sms.body and "如非本人操作" in sms.body  # zhang's language is zh
    [entry] = stored(app, select(AuditEntry).where(AuditEntry.action == "card_move"))
    assert (entry.operator, entry.channel, entry.detail, entry.reason) == (
        "hua",
        "console",
        "preloss -> active",
        "card found at home",
    )
    assert entry.address == "127.0.0.1"


def test_ending_a_card_tells_the_cardholder(app, supervisor, history):
    response = move(
        supervisor,
        history["report_card"],
        wanted="cancelled",
        confirmed="yes",
        reason="holder died",
        parse_page=parse_page,
    )
    assert response.status_code == 302
    assert state_of(app, history["report_card"], stored=stored) == "cancelled"
    [sms] = messages(app, "card_cancelled", stored=stored)
    assert sms.to_number == "+86" + HOLDERS["zhang"]["mobile"] and "96102" in sms.body


def test_an_ordinary_move_needs_no_confirmation_and_sends_no_such_sms(app, supervisor, history):
    response = move(supervisor, history["report_card"], wanted="formal_loss", reason="came in", parse_page=parse_page)
    assert response.status_code == 302
    assert state_of(app, history["report_card"], stored=stored) == "formal_loss"
    assert (
        messages(app, "preloss_cancelled", stored=stored) == [] and messages(app, "card_cancelled", stored=stored) == []
    )


def test_cli_cancel_needs_a_reason_and_a_yes_and_is_audited(app, runner, cardholders):
    number = HOLDERS["li"]["card_number"]
    refused = runner.invoke(args=["card", "cancel", number, "--by", "wang"], input="\n")
    assert refused.exit_code != 0
    declined = runner.invoke(args=["card", "cancel", number, "--by", "wang", "--reason", "fraud"], input="n\n")
    assert declined.exit_code != 0
    with app.app_context(), db.new_session() as session:
        assert session.scalars(select(Card.state).where(Card.number_last4 == number[-4:])).all() == ["active"]
    done = runner.invoke(args=["card", "cancel", number, "--by", "wang", "--reason", "fraud"], input="y\n")
    assert done.exit_code == 0, done.output
    [entry] = stored(app, select(AuditEntry).where(AuditEntry.action == "card_move"))
    assert (entry.operator, entry.channel, entry.detail, entry.reason) == (
        "wang",
        "cli",
        "active -> cancelled",
        "fraud",
    )
    assert entry.address  # the host it ran on
    [sms] = messages(app, "card_cancelled", stored=stored)
    assert "If this was not you" in sms.body  # li's language is en


def test_api_moves_are_in_the_same_audit_log(app, client, cardholders, make_token):
    token = make_token("outlet-cy")
    response = client.post(
        "/api/v1/card-moves",
        json={"card_number": HOLDERS["li"]["card_number"], "state": "formal_loss", "note": "at the counter"},
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "k-1"},
    )
    assert response.status_code == 201, response.get_json()
    [entry] = stored(app, select(AuditEntry).where(AuditEntry.action == "card_move"))
    assert (entry.operator, entry.channel, entry.detail, entry.reason) == (
        "outlet-cy",
        "api",
        "active -> formal_loss",
        "at the counter",
    )


def test_audit_log_filters_and_exports(app, supervisor, history, runner):
    move(supervisor, history["report_card"], wanted="formal_loss", reason="came in", parse_page=parse_page)
    done = runner.invoke(
        args=["card", "cancel", HOLDERS["wang"]["card_number"], "--by", "wang", "--reason", "fraud", "--yes"]
    )
    assert done.exit_code == 0, done.output
    shown = parse_page(supervisor.get("/console/audit?range=30d&channel=cli").get_data(as_text=True))
    assert [e["attrs"]["data-channel"] for e in shown.having("data-action")] == ["cli"]
    shown = parse_page(supervisor.get("/console/audit?range=30d&action=card_move").get_data(as_text=True))
    assert len(shown.having("data-action")) == 2
    shown = parse_page(supervisor.get("/console/audit?range=30d&who=hua").get_data(as_text=True))
    assert {e["attrs"]["data-action"] for e in shown.having("data-action")} == {"card_move", "sign_in"}
    exported = supervisor.get("/console/audit.csv?range=30d&action=card_move")
    assert exported.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(exported.get_data(as_text=True).lstrip("\ufeff"))))
    assert [(r["Who"], r["From where"], r["Reason"]) for r in rows] == [
        ("hua", "Console", "came in"),
        ("wang", "Command line", "fraud"),
    ]
    assert rows[0]["Detail"] == "Suspended (pre-loss report) → Formally reported lost"
