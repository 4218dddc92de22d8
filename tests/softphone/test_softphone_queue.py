"""Both sides of the operator queue in the softphone: a caller waiting, an operator line taking them."""

import pytest
from sqlalchemy import select

from ivr.softphone import Line, SoftCall, TwimlError, parse
from ivr.softphone.queues import Switchboard
from ivr.softphone.transports import FlaskTransport, app_line_settings
from ivr.store import CallbackRequest, CallRating, db
from tests.support.calls import identity_keys
from tests.support.known import HOLDERS, OPERATOR_PIN, QUEUE, TOKEN
from tests.support.queue import desk_operator


def said(events):
    return " ".join(e["text"] for e in events if e["type"] == "say")


@pytest.fixture
def board(app):
    """A shared switchboard, the queue on, and the operator's desk phone registered."""
    app.config["OPERATOR_QUEUE"] = QUEUE
    with app.app_context(), db.new_session() as session:
        desk_operator(session, "hua")
        session.commit()
    return Switchboard()


def line(app, board, caller, path="/voice/incoming"):
    url, _ = app_line_settings(app)
    return Line(
        FlaskTransport(app), url=url.replace("/voice/incoming", path), token=TOKEN, caller=caller, switchboard=board
    )


def operator_rings(app, board):
    """The operator's desk phone calls the agent line and keys the line's PIN when asked."""
    operator = SoftCall(line(app, board, "+8613900001111", "/voice/agent"))
    asked = operator.ring()
    assert "座席密码" in said(asked)
    return operator, operator.press(OPERATOR_PIN + "#")


def caller_in_queue(app, board, language, *, identity_keys):
    holder = HOLDERS["zhang"]
    call = SoftCall(line(app, board, "+8613800138000"))
    call.ring()
    for keys in (*identity_keys(holder, language=language), "1", "*", "0"):
        events = call.press(keys)
    # Zhang is 76: he waits in the priority queue (operator lines take it first).
    assert any(e["type"] == "enqueued" and e["queue"] == QUEUE + "-priority" for e in events)
    return call, events


@pytest.mark.parametrize(
    "language, place, connecting, rate",
    [
        ("zh", "您是下一位", "现在为您接通人工座席", "请对本次服务进行评价"),
        ("en", "You are next in line", "An operator is taking your call now", "Please rate this call"),
    ],
)
def test_caller_waits_operator_takes_them_operator_hangs_up_caller_rates(
    app, cardholders, board, session, language, place, connecting, rate
):
    caller, events = caller_in_queue(app, board, language, identity_keys=identity_keys)
    assert place in said(events) and caller.waiting is not None  # the wait music listens for a 1
    assert place in said(caller.wait())  # another ~30 s: the wait URL again
    operator, heard = operator_rings(app, board)
    assert "下一位来电" in said(heard) and "已核验身份，卡号尾号0 0 0 1" in said(heard)
    assert any(e["type"] == "connected" for e in heard)
    assert connecting in said(caller.events[-3:])
    assert caller.queued["bridged_to"] == operator.state["sid"]
    operator.hang_up()
    assert rate in said(caller.events[-2:])  # the <Enqueue action> asked for the rating
    caller.press("1")
    assert caller.ended
    assert session.scalar(select(CallRating.score)) == 1


def test_caller_hangs_up_first_and_the_operator_line_offers_the_next(app, cardholders, board):
    caller, _ = caller_in_queue(app, board, "en", identity_keys=identity_keys)
    operator, _ = operator_rings(app, board)
    caller.hang_up()
    assert "接听下一位请按1" in said(operator.events[-3:]) and not operator.ended
    assert "目前没有来电在等候" in said(operator.press("1"))


def test_pressing_1_while_waiting_leaves_for_a_callback(app, cardholders, board, session):
    caller, _ = caller_in_queue(app, board, "en", identity_keys=identity_keys)
    events = caller.press("1")
    assert any(e["type"] == "dequeued" and e["result"] == "leave" for e in events)
    assert "ending 8, 0, 0, 0" in said(events)
    assert "registered" in said(caller.press("1")) and caller.ended
    assert session.scalar(select(CallbackRequest.reason)) == "asked_while_waiting"


def test_nobody_in_the_queue_the_operator_line_waits(app, board):
    operator, heard = operator_rings(app, board)
    assert "目前没有来电在等候" in said(heard) and not operator.ended


def test_queue_twiml_is_checked_as_twilio_checks_it():
    with pytest.raises(TwimlError, match="queue name"):
        parse("<Response><Enqueue waitUrl='/w'></Enqueue></Response>", "text/xml")
    with pytest.raises(TwimlError, match="name of the queue"):
        parse("<Response><Dial><Queue url='/w'/></Dial></Response>", "text/xml")
    assert [v.tag for v in parse("<Response><Leave/></Response>", "text/xml")] == ["Leave"]


API = "/softphone/api/calls"


def api_said(view):
    return " ".join(e["text"] for e in view["events"] if e["type"] == "say")


def test_two_browser_tabs_caller_and_operator_line(app, client, cardholders, board, session):
    """The browser softphone's API: one tab waits in the queue, another takes the call on the operator line."""
    holder = HOLDERS["li"]
    caller = client.post(API, json={"from": "+8613912345678"}).json
    for keys in (*identity_keys(holder, language="en"), "1", "*", "0"):
        view = client.post(f"{API}/{caller['id']}/keys", json={"keys": keys}).json
    assert view["queued"]["name"] == QUEUE and "You are next in line" in api_said(view)
    again = client.post(f"{API}/{caller['id']}/wait", json={}).json
    assert "You are next in line" in api_said(again) and again["count"] > view["count"]

    operator = client.post(API, json={"from": "+8613900001111", "line": "operator"})
    assert operator.status_code == 201
    operator = client.post(f"{API}/{operator.json['id']}/keys", json={"keys": OPERATOR_PIN + "#"}).json
    assert "已核验身份，卡号尾号0 0 0 2" in api_said(operator) and operator["talking"]
    news = client.get(f"{API}/{caller['id']}?since={again['count']}").json
    assert "An operator is taking your call now" in api_said(news) and news["queued"]["bridged_to"]

    client.post(f"{API}/{operator['id']}/hangup", json={})
    after = client.get(f"{API}/{caller['id']}?since={news['count']}").json
    assert "Please rate this call" in api_said(after) and after["waiting"] is not None
    client.post(f"{API}/{caller['id']}/keys", json={"keys": "3"})
    done = client.post(f"{API}/{caller['id']}/keys", json={"keys": "1"}).json
    assert done["ended"] and session.scalar(select(CallRating.reason)) == 1
    assert client.post(API, json={"line": "elsewhere"}).status_code == 400
