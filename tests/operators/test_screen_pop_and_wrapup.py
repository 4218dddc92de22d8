"""Screen pop and wrap-up: the operator who takes a caller on the operator line sees that caller's call
page offered on their console, and records an outcome code and a short note after the call; shown in
the call log and counted in the figures. The domain rules run on SQLite and PostgreSQL."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from ivr.operators import service_measure, wrapup
from ivr.store import Call, CallEvent, Operator, QueueVisit, db
from ivr.voice import calls
from tests.support.console import make_operator, parse_page, sign_in, stored
from tests.support.known import OPERATOR_PHONE, QUEUE
from tests.support.queue import agent_line, leave_queue, operator_line
from tests.support.tables import table_rows


@pytest.fixture
def desk(app):
    """Operators hua (whose desk phone is the operator line) and jun, both signed in to the console in English."""
    app.config["OPERATOR_QUEUE"] = QUEUE
    make_operator(app, "hua", "operator")
    make_operator(app, "jun", "operator")
    with app.app_context(), db.new_session() as session:
        hua = session.scalar(select(Operator.id).where(Operator.name == "hua"))
        session.add(operator_line(OPERATOR_PHONE, hua))  # with its PIN, which the agent line keys when asked
        session.commit()
    return hua


def banner(client, parse_page):
    page = parse_page(client.get("/console/my-caller").get_data(as_text=True))
    found = page.having("data-visit")
    return (found[0]["attrs"], page) if found else (None, page)


def test_the_operator_who_takes_the_caller_is_offered_their_page_then_wraps_up(app, phone, cardholders, desk):
    hua, jun = app.test_client(), app.test_client()
    sign_in(hua, "hua")
    sign_in(jun, "jun")
    call = phone.dial("+8613800138000", language="en")
    call.press("0")
    assert banner(hua, parse_page)[0] is None  # waiting, not taken yet
    line = agent_line(phone)
    line.ring()
    line.take(call)

    shown, page = banner(hua, parse_page)
    (call_id,) = stored(app, select(Call.id).where(Call.call_sid == call.sid))
    assert shown["data-call-id"] == str(call_id) and shown["data-talking"] == "yes"
    (link,) = page.find(**{"class": "pop-call"})
    assert link["attrs"]["href"] == f"/console/calls/{call_id}"
    (earlier,) = page.find(**{"class": "pop-earlier"})
    assert "8613800138000" not in earlier["attrs"]["href"] and "q=" in earlier["attrs"]["href"]
    assert "138****8000" in " ".join(page.text_of(**{"class": "screen-pop"}))
    assert banner(jun, parse_page)[0] is None  # only the operator who took the caller

    leave_queue(call, "bridged")  # the conversation ended
    shown, page = banner(hua, parse_page)
    assert shown["data-talking"] == "no"
    token = page.csrf()
    visit = shown["data-visit"]
    theirs = parse_page(jun.get("/console/callbacks").get_data(as_text=True)).csrf()
    refused = jun.post(f"/console/my-caller/{visit}/wrapup", data={"csrf_token": theirs, "code": "solved"})
    assert refused.status_code == 409
    wrong = hua.post(f"/console/my-caller/{visit}/wrapup", data={"csrf_token": token, "code": "made_up"})
    assert wrong.status_code == 409
    done = hua.post(
        f"/console/my-caller/{visit}/wrapup",
        data={"csrf_token": token, "code": "preloss_filed", "note": "  filed for her,   card at outlet 3 "},
    )
    assert done.status_code == 302 and done.headers["Location"].endswith(f"/console/calls/{call_id}")
    assert banner(hua, parse_page)[0] is None  # wrapped up: the banner goes

    timeline = parse_page(hua.get(f"/console/calls/{call_id}").get_data(as_text=True))
    assert timeline.text_of(**{"class": "wrapup"}) == [
        "Pre-loss report filed for the caller · filed for her, card at outlet 3 (hua)"
    ]
    assert "Operator recorded the outcome" in " ".join(timeline.text_of(id="timeline"))
    report = hua.get("/console/reports/daily").get_data(as_text=True)
    rows = table_rows(report, "view-wrapups")
    assert [c["text"] for c in rows[1]] == ["Pre-loss report filed for the caller", "1", "100.0 %"]


def check_rules(session, now):
    hua, jun = Operator(name="hua", password_hash="x"), Operator(name="jun", password_hash="x")
    call = Call(call_sid="CA" + "5" * 32, started_at=now - timedelta(minutes=5))
    session.add_all([hua, jun, call])
    session.flush()
    old = QueueVisit(call_id=call.id, queue_name=QUEUE, enqueued_at=now - timedelta(hours=3), operator_id=hua.id)
    old.bridged_at = old.enqueued_at + timedelta(seconds=20)
    visit = QueueVisit(call_id=call.id, queue_name=QUEUE, enqueued_at=now - timedelta(minutes=4), operator_id=hua.id)
    visit.bridged_at, visit.left_at = now - timedelta(minutes=3), now - timedelta(minutes=1)
    session.add_all([old, visit])
    session.commit()
    assert wrapup.taken_by(session, hua.id, now=now).id == visit.id
    assert wrapup.taken_by(session, jun.id, now=now) is None
    config = {"WRAPUP_CODES": "solved,other"}
    for operator, code in ((jun.id, "solved"), (hua.id, "preloss_filed")):
        with pytest.raises(wrapup.WrapupRefused):
            wrapup.record(session, visit.id, operator, code, "", config, now=now)
    wrapup.record(session, visit.id, hua.id, "solved", "x" * 500, config, now=now)
    calls.write_held(session)  # as the console does before its commit: the call's event
    session.commit()
    with pytest.raises(wrapup.WrapupRefused):
        wrapup.record(session, visit.id, hua.id, "other", "", config, now=now)
    session.expire_all()
    stored = session.get(QueueVisit, visit.id)
    assert (stored.wrapup_code, len(stored.wrapup_note), stored.wrapped_at) == ("solved", 200, now)
    assert wrapup.taken_by(session, hua.id, now=now) is None  # the 3-hour-old one is past the window
    events = session.scalars(select(CallEvent.detail).where(CallEvent.kind == "wrapup_recorded")).all()
    assert events == ["solved"]
    tz = ZoneInfo("Asia/Shanghai")
    fig = service_measure.measure(session, now - timedelta(days=1), now + timedelta(hours=1), tz, 15)
    assert fig.total.wrapups == {"solved": 1} and fig.operators[hua.id].wrapups == {"solved": 1}


def test_the_rules_on_sqlite(session, clock):
    check_rules(session, clock.now)


def test_the_rules_on_postgresql(app_config, clock, fresh_schema):
    from ivr import create_app

    app = create_app({**app_config, "DATABASE_URL": fresh_schema("w29_wrapup")})
    with app.app_context(), db.new_session() as session:
        check_rules(session, clock.now)
    db.engine.dispose()
