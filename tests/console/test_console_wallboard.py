"""The wallboard a team lead leaves on a screen: waiting now, longest wait, operators on the line, today's
answer rate and service level against target, open callbacks; Mandarin by default. And the queue page
names the queue when there is more than one."""

from datetime import timedelta

import pytest

from ivr.store import Call, QueueVisit, db
from tests.support.console import make_operator, parse_page, sign_in
from tests.support.service_day import at, seed_day


@pytest.fixture
def board_at_eleven(app, clock):
    with app.app_context(), db.new_session() as session:
        seed_day(session)
    clock.now = at(11, 5)


def figures(page):
    """{figure: (number shown, met/missed)} from the wallboard's sections."""
    found = {section["attrs"]["data-figure"]: section for section in page.having("data-figure")}
    numbers = [" ".join(e["text"].split()) for e in page.elements if e["attrs"].get("class") == "number"]
    return {key: (number, found[key]["attrs"].get("data-met")) for key, number in zip(found, numbers, strict=True)}


def test_the_wallboard_in_mandarin(app, client, board_at_eleven):
    make_operator(app, "lead", "supervisor", language="zh")
    sign_in(client, "lead")
    html = client.get("/console/wallboard").get_data(as_text=True)
    page = parse_page(html)
    shown = figures(page)
    assert shown["waiting"][0] == "1" and shown["longest_wait"][0] == "5:00"
    assert shown["talking"][0] == "0" and shown["open_callbacks"][0] == "1"
    assert shown["answer_rate"] == ("60.0%", "missed") and shown["service_level"] == ("40.0%", "missed")
    assert "正在排队" in html and "今日接通率" in html and "目标 95%" in html
    assert page.find(id="live")[0]["attrs"]["data-src"] == "/console/wallboard/panel"


def test_the_panel_refreshes_what_changed(app, client, clock, board_at_eleven):
    make_operator(app, "lead", "supervisor", language="en")
    sign_in(client, "lead")
    with app.app_context(), db.new_session() as session:
        call = Call(call_sid="CA" + "7" * 32, started_at=at(11, 6))
        session.add(call)
        session.flush()
        session.add(QueueVisit(call_id=call.id, queue_name="hotline", enqueued_at=at(11, 6)))
        talking = QueueVisit(call_id=call.id, queue_name="hotline", enqueued_at=at(11, 1), wait_s=5)
        talking.bridged_at, talking.operator_id = at(11, 1) + timedelta(seconds=5), None
        session.add(talking)
        session.commit()
    clock.now = at(11, 7)
    shown = figures(parse_page(client.get("/console/wallboard/panel").get_data(as_text=True)))
    assert shown["waiting"][0] == "2" and shown["longest_wait"][0] == "7:00"
    assert shown["answer_rate"][0] == "66.7%"  # 4 answered of 6 offered


def test_the_queue_page_names_the_queue_only_when_there_are_several(app, client, clock):
    make_operator(app, "lead", "supervisor", language="en")
    sign_in(client, "lead")
    with app.app_context(), db.new_session() as session:
        calls = [Call(call_sid=f"CA{n:032d}", started_at=clock.now) for n in range(2)]
        session.add_all(calls)
        session.flush()
        session.add(QueueVisit(call_id=calls[0].id, queue_name="cards", enqueued_at=clock.now - timedelta(minutes=2)))
        session.commit()
        page = parse_page(client.get("/console/queue").get_data(as_text=True))
        assert page.find(**{"class": "queue-name"}) == []
        session.add(QueueVisit(call_id=calls[1].id, queue_name="elderly", enqueued_at=clock.now - timedelta(minutes=1)))
        session.commit()
    page = parse_page(client.get("/console/queue").get_data(as_text=True))
    assert page.text_of(**{"class": "queue-name"}) == ["cards", "elderly"]
    waited = [" ".join(e["text"].split()) for e in page.elements if e["attrs"].get("class") == "num"][::2]
    assert waited == ["2 min 0 s", "1 min 0 s"]
