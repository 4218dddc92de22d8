"""Cards in the console: the work lists, a reference opening its card, and a supervisor moving a
card through its lifecycle (formal loss, collection) with each move audited and in its history."""

import pytest
from sqlalchemy import select

from ivr.store import AuditEntry, Card, CardEvent
from tests.support.calls import file_report
from tests.support.console import make_operator, parse_page, read_page, sign_in, stored
from tests.support.known import REFERENCE


def test_work_lists(operator, history):
    shown = read_page(operator, "/console/cards")
    assert REFERENCE in " ".join(shown.text_of(id="waiting-reports"))
    assert [e["attrs"]["data-days"] for e in shown.having("data-days")] == ["20"]
    failed = [int(e["attrs"]["data-message-id"]) for e in shown.having("data-message-id")]
    assert history["failed_message"] in failed and len(failed) == 2
    assert "21610" in " ".join(shown.text_of(id="failed-sms"))
    assert not shown.find(id="failed-sms")[0]["text"].count("Retry")  # an operator has no retry button


def test_reference_opens_its_card(operator, history):
    response = operator.get(f"/console/cards?reference={REFERENCE}", follow_redirects=True)
    assert response.request.path == f"/console/cards/{history['report_card']}"
    missing = operator.get("/console/cards?reference=00000000", follow_redirects=True)
    assert missing.status_code == 404
    shown = parse_page(missing.get_data(as_text=True))
    assert "00000000" in " ".join(shown.text_of(role="alert")) and shown.find(id="search-box")


def test_supervisor_makes_a_pre_loss_report_formal_and_it_is_audited(app, supervisor, history):
    card_page = read_page(supervisor, f"/console/cards/{history['report_card']}")
    offered = [e["attrs"]["value"] for e in card_page.elements if e["tag"] == "option" and e["attrs"].get("value")]
    assert {"formal_loss", "active", "cancelled"} <= set(offered)
    response = supervisor.post(
        f"/console/cards/{history['report_card']}/move",
        data={"csrf_token": card_page.csrf(), "wanted": "formal_loss", "outlet_code": "BJ-DC", "reason": "came in"},
    )
    assert response.status_code == 302
    card = stored(app, select(Card).where(Card.id == history["report_card"]))[0]
    assert card.state == "formal_loss"
    [event] = stored(app, select(CardEvent).where(CardEvent.card_id == card.id))
    assert (event.actor, event.source) == ("operator", "hua") and "came in" in event.note
    [entry] = stored(app, select(AuditEntry).where(AuditEntry.action == "card_move"))
    assert (entry.operator, entry.detail, entry.reason, entry.channel) == (
        "hua",
        "preloss -> formal_loss",
        "came in",
        "console",
    )
    history_rows = read_page(supervisor, f"/console/cards/{card.id}").text_of(id="card-history")
    assert "Formally reported lost" in history_rows[0] and "hua" in history_rows[0]


@pytest.mark.parametrize("wanted", ["active", "preloss", "nonsense", ""])
def test_a_move_the_lifecycle_refuses_changes_nothing(app, supervisor, history, wanted):
    token = read_page(supervisor, f"/console/cards/{history['ready_card']}").csrf()
    response = supervisor.post(
        f"/console/cards/{history['ready_card']}/move",
        data={"csrf_token": token, "wanted": wanted},
        follow_redirects=True,
    )
    assert response.request.path == f"/console/cards/{history['ready_card']}"
    assert "Choose the state" in " ".join(parse_page(response.get_data(as_text=True)).text_of(role="status"))
    assert stored(app, select(Card.state).where(Card.id == history["ready_card"])) == ["ready"]
    assert stored(app, select(AuditEntry).where(AuditEntry.action == "card_move")) == []


def test_a_card_waiting_past_the_collection_window_is_marked_overdue(app, operator):
    shown = read_page(operator, "/console/cards")
    assert not shown.find(**{"class": "overdue"})
    app.config["COLLECTION_WINDOW_DAYS"] = 20
    shown = read_page(operator, "/console/cards")
    assert [e["text"] for e in shown.find(**{"class": "overdue"})] == ["overdue"]


def test_supervisor_records_a_collection_with_the_new_card_number(app, supervisor, history):
    token = read_page(supervisor, f"/console/cards/{history['ready_card']}").csrf()
    missing = supervisor.post(
        f"/console/cards/{history['ready_card']}/move", data={"csrf_token": token, "wanted": "collected"}
    )
    assert missing.status_code == 400
    assert "new card" in " ".join(parse_page(missing.get_data(as_text=True)).text_of(role="alert"))
    assert stored(app, select(Card.state).where(Card.id == history["ready_card"])) == ["ready"]
    done = supervisor.post(
        f"/console/cards/{history['ready_card']}/move",
        data={"csrf_token": token, "wanted": "collected", "new_card_number": "B20000009"},
    )
    assert done.status_code == 302
    old = stored(app, select(Card).where(Card.id == history["ready_card"]))[0]
    [new] = stored(app, select(Card).where(Card.replaces_card_id == old.id))
    assert (old.state, new.state, new.number_last4) == ("collected", "active", "0009")


def test_card_history_names_a_phone_move_in_words_linking_to_the_call(app, cardholders, phone, session):
    import re

    from tests.support.known import HOLDERS

    file_report(phone, HOLDERS["zhang"], "zh")
    card_id = session.scalar(select(CardEvent.card_id).where(CardEvent.actor == "phone"))
    session.commit()
    make_operator(app, "hua", "supervisor")
    supervisor = app.test_client()
    assert sign_in(supervisor, "hua").status_code == 302
    page = read_page(supervisor, f"/console/cards/{card_id}")
    sources = page.find(**{"class": "source"})
    shown = " ".join(e["text"] for e in sources)
    assert not re.search(r"CA[0-9a-f]{32}", shown)  # no raw CallSid
    assert "电话（通话记录）" in shown
    links = [e["attrs"]["href"] for e in page.elements if e["tag"] == "a" and e["text"].strip() == "电话（通话记录）"]
    assert links and all(link.startswith("/console/calls/") for link in links)
