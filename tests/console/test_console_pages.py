"""The console as an operator uses it: dashboard, call log filters, masking, timeline, CSV, work lists."""

import csv
import io

import pytest
from sqlalchemy import select

from ivr.store import AuditEntry, Card, CardEvent, OutgoingMessage
from tests.support.calls import file_report
from tests.support.console import add_callback_on_a_call, make_operator, parse_page, read_page, sign_in, stored
from tests.support.known import REFERENCE, SEVEN_DAYS


def listed_calls(client, query="", *, read_page):
    shown = read_page(client, "/console/calls?first=2026-11-19&last=2026-11-25" + query)
    return [int(e["attrs"]["data-call-id"]) for e in shown.having("data-call-id")]


def test_dashboard_shows_the_hand_counted_figures(operator):
    shown = read_page(operator, "/console/?range=7d")
    for name in ("calls", "unique_callers", "reports_filed", "abandoned", "lockouts", "sms_failed"):
        assert shown.text_of(data_figure=name) == [str(SEVEN_DAYS[name])]
    assert shown.text_of(data_figure="self_service_rate") == ["36.4%"]
    assert shown.text_of(data_figure="p90_duration_s") == ["150 s"]
    hours = {e["attrs"]["data-hour"]: int(e["attrs"]["data-count"]) for e in shown.having("data-hour")}
    assert hours["9"] == 3 and sum(hours.values()) == 11


def test_dashboard_links_agree_with_the_call_log(operator):
    shown = read_page(operator, "/console/?range=7d")
    link = shown.find(data_figure="abandoned")[0]["attrs"]["href"]
    listed = parse_page(operator.get(link).get_data(as_text=True)).having("data-call-id")
    assert len(listed) == SEVEN_DAYS["abandoned"]


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


def test_figures_csv_matches_the_dashboard(operator):
    text = operator.get("/console/figures.csv?range=7d").get_data(as_text=True)
    figures = {code: value for code, _what, value in csv.reader(io.StringIO(text.lstrip("\ufeff")))}
    assert figures["calls"] == "11" and figures["sms_delivered"] == "1" and figures["funnel:filed"] == "2"
    assert figures["hour:09"] == "3" and figures["day:2026-11-24"] == "3"


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


def test_supervisor_retries_a_failed_sms_and_it_is_audited(app, supervisor, history):
    token = read_page(supervisor, "/console/cards").csrf()
    response = supervisor.post(f"/console/messages/{history['failed_message']}/retry", data={"csrf_token": token})
    assert response.status_code == 302
    message = stored(app, select(OutgoingMessage).where(OutgoingMessage.id == history["failed_message"]))[0]
    assert message.state == "pending"
    again = supervisor.post(f"/console/messages/{history['failed_message']}/retry", data={"csrf_token": token})
    assert again.status_code == 409
    entries = read_page(supervisor, "/console/audit").having("data-action")
    assert [e["attrs"]["data-action"] for e in entries][:2] == ["sms_retry", "sign_in"]


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


def test_pages_fit_a_tablet(operator):
    shown = read_page(operator, "/console/?range=7d")
    assert shown.find(name="viewport")
    response = operator.get("/console/static/console.css")
    css = response.get_data(as_text=True)
    response.close()
    assert "@media (max-width" in css


def test_an_unexpected_error_gets_a_plain_page_without_a_trace(operator, monkeypatch):
    from ivr.console import figures

    def broken(session, days):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(figures, "compute", broken)
    response = operator.get("/console/?range=7d")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "secret detail" not in body and "Traceback" not in body
    assert parse_page(body).find(role="alert")


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


def test_the_sms_page_shows_what_each_message_said(app, supervisor, history):
    """A supervisor checking what a caller was told reads the text itself, not only its kind."""
    from ivr.store import db

    said = "【社会保障卡服务热线】您的证件号码多次电话身份验证未通过，电话验证已暂停24小时。"
    with app.app_context(), db.new_session() as session:
        session.get(OutgoingMessage, history["failed_message"]).body = said
        session.commit()
    page = read_page(supervisor, "/console/messages?first=2026-11-01&last=2026-11-30")
    [row] = page.text_of(data_message_id=str(history["failed_message"]))
    assert said in row


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
