"""What a supervisor watches: calls in progress, today's figures, the SMS page with resend, what a
call touched, and "abandoned" meaning only callers who hung up before an outcome."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from ivr.store import AuditEntry, Call, Card, Lockout, OutgoingMessage, db
from tests.support.calls import file_report
from tests.support.console import make_operator, parse_page, seed, sign_in, stored
from tests.support.known import HOLDERS


@pytest.fixture
def supervisor(app):
    make_operator(app, "hua", "supervisor")
    client = app.test_client()
    assert sign_in(client, "hua").status_code == 302
    return client


def panel(client, *, parse_page):
    return parse_page(client.get("/console/live/panel").get_data(as_text=True))


def test_a_call_in_progress_shows_its_step_and_language_then_leaves(app, phone, supervisor):
    assert not panel(supervisor, parse_page=parse_page).having("data-call-sid")
    call = phone.dial(language="en")
    [row] = panel(supervisor, parse_page=parse_page).having("data-call-sid")
    assert row["attrs"]["data-call-sid"] == call.sid
    text = " ".join(row["text"].split())
    assert "English" in text and "Main menu" in text and "+86 138****8000" in text
    call.press("1")
    assert "Keying the ID number" in " ".join(panel(supervisor, parse_page=parse_page).text_of(**{"class": "step"}))
    call.hang_up()
    shown = panel(supervisor, parse_page=parse_page)
    assert not shown.having("data-call-sid")
    assert shown.text_of(**{"data-figure": "calls"}) == ["1"] and shown.text_of(**{"data-figure": "abandoned"}) == ["1"]


def test_the_live_page_refreshes_itself(supervisor):
    page = parse_page(supervisor.get("/console/live").get_data(as_text=True))
    live = page.find(id="live")[0]["attrs"]
    assert live["data-src"] == "/console/live/panel" and int(live["data-every"]) <= 5
    assert any(e["tag"] == "script" and e["attrs"].get("src", "").endswith("live.js") for e in page.elements)


def test_goodbye_after_the_out_of_hours_message_is_not_abandoned(app, phone, supervisor, clock, session):
    app.config["OPERATOR_NUMBER"] = "+861065550000"
    clock.advance(timedelta(hours=10))  # 20:00 in Beijing: no operator
    call = phone.dial(language="en")
    call.press("0")
    call.silence()
    assert call.ended
    call.hang_up(30)
    assert stored(app, select(Call.outcome).where(Call.call_sid == call.sid)) == ["operator_closed"]
    figures = parse_page(supervisor.get("/console/?range=today").get_data(as_text=True))
    assert figures.text_of(data_figure="abandoned") == ["0"] and figures.text_of(data_figure="hotline_ended") == ["1"]


def test_a_caller_hanging_up_mid_call_is_abandoned(app, phone, supervisor):
    call = phone.dial(language="zh")
    call.hang_up(12)
    assert stored(app, select(Call.outcome).where(Call.call_sid == call.sid)) == ["abandoned"]


def test_a_report_call_s_timeline_names_its_card_and_masked_id(app, phone, supervisor, cardholders, session):
    file_report(phone, HOLDERS["zhang"])
    call_id = stored(app, select(Call.id))[0]
    page = parse_page(supervisor.get(f"/console/calls/{call_id}").get_data(as_text=True))
    assert page.text_of(id="touched-id") == ["110105********002X"]
    assert page.text_of(**{"class": "touched-card"})[0].startswith("Card ending 0001")
    sid = page.find(id="call-sid")[0]
    assert sid["attrs"]["href"].startswith("/console/calls/sid/CA")
    assert supervisor.get(sid["attrs"]["href"]).headers["Location"].endswith(f"/console/calls/{call_id}")


def test_a_lockout_s_timeline_names_the_locked_masked_id(app, supervisor, cardholders):
    from ivr.identity import idnumbers

    with app.app_context(), db.new_session() as session:
        ids = seed(session)
        call = session.get(Call, ids["calls"][3])
        session.add(
            Lockout(
                id_hash=idnumbers.id_hash(app.config["ID_HASH_KEY"], HOLDERS["li"]["id_number"]),
                locked_at=call.started_at,
                locked_until=call.started_at + timedelta(hours=24),
                call_id=call.id,
            )
        )
        call_id = call.id
    page = parse_page(supervisor.get(f"/console/calls/{call_id}").get_data(as_text=True))
    assert page.text_of(**{"class": "locked-id"}) == ["110101********0053"]


def test_the_sms_page_filters_and_resends_a_failed_message_audited(app, supervisor, cardholders):
    with app.app_context(), db.new_session() as session:
        ids = seed(session)
    shown = parse_page(supervisor.get("/console/messages?first=2026-11-01&last=2026-11-25").get_data(as_text=True))
    assert len(shown.having("data-message-id")) == 4
    failed = parse_page(
        supervisor.get("/console/messages?first=2026-11-01&last=2026-11-25&state=failed").get_data(as_text=True)
    )
    assert {e["attrs"]["data-state"] for e in failed.having("data-message-id")} == {"failed"}
    alerts = parse_page(
        supervisor.get("/console/messages?first=2026-11-01&last=2026-11-25&kind=lockout_alert").get_data(as_text=True)
    )
    assert len(alerts.having("data-message-id")) == 2
    back = "/console/messages?first=2026-11-01&last=2026-11-25&state=failed"
    response = supervisor.post(
        f"/console/messages/{ids['failed_message']}/retry", data={"csrf_token": failed.csrf(), "back": back}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith(back)
    assert stored(app, select(OutgoingMessage.state).where(OutgoingMessage.id == ids["failed_message"])) == ["pending"]
    [entry] = stored(app, select(AuditEntry).where(AuditEntry.action == "sms_retry"))
    assert (entry.operator, entry.target, entry.channel) == ("hua", f"message {ids['failed_message']}", "console")


def test_an_operator_sees_the_sms_page_without_resend(app, cardholders):
    with app.app_context(), db.new_session() as session:
        seed(session)
    make_operator(app, "ming", "operator")
    client = app.test_client()
    sign_in(client, "ming")
    shown = parse_page(
        client.get("/console/messages?first=2026-11-01&last=2026-11-25&state=failed").get_data(as_text=True)
    )
    assert shown.having("data-message-id") and not shown.find(**{"class": "resend"})


def test_a_phone_move_in_a_card_s_history_links_to_its_call(app, phone, supervisor, cardholders):
    file_report(phone, HOLDERS["zhang"])
    card_id = stored(app, select(Card.id).where(Card.number_last4 == "0001"))[0]
    page = parse_page(supervisor.get(f"/console/cards/{card_id}").get_data(as_text=True))
    links = [
        e["attrs"]["href"]
        for e in page.elements
        if e["tag"] == "a" and "/console/calls/sid/" in e["attrs"].get("href", "")
    ]
    sid = stored(app, select(Call.call_sid))[0]
    assert links == [f"/console/calls/sid/{sid}"]
