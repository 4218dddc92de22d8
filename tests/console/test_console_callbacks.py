"""The console's callback work list, live queue, rating figures and CSV, as operators use them."""

import csv
import io
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from ivr.store import AuditEntry, CallbackRequest, Operator, db
from tests.support.calls import file_report
from tests.support.console import (
    CALLBACK_REFERENCES,
    add_requests,
    make_operator,
    parse_page,
    read_page,
    sign_in,
    stored,
)
from tests.support.known import HOLDERS, QUEUE
from tests.support.queue import agent_line, leave_queue, operator_line


def post(client, url, data, status=302, *, read_page):
    token = read_page(client, "/console/callbacks").csrf()
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
    shown = read_page(ming, "/console/callbacks")
    rows = shown.having("data-callback-id")
    assert [int(r["attrs"]["data-callback-id"]) for r in rows] == [old, new]
    # Each by the reference its caller was told, never the row id.
    assert [r["attrs"]["data-reference"] for r in rows] == list(CALLBACK_REFERENCES)
    assert [
        shown.text_of(id=f"callback-{old}")[0].split()[0],
        shown.text_of(id=f"callback-{new}")[0].split()[0],
    ] == list(CALLBACK_REFERENCES)
    assert rows[0]["attrs"]["class"] == "overdue-row" and "overdue" in rows[0]["text"]
    assert rows[1]["attrs"]["class"] == ""
    assert "+86 139****5678" in rows[0]["text"]  # masked until claimed
    assert "Line closed" in rows[0]["text"] and "Speak to an operator" in rows[0]["text"]  # words, not codes
    assert "Report a lost card · Still on the initial password" in rows[1]["text"]
    assert "initial_password" not in rows[1]["text"] and "report:" not in rows[1]["text"]

    post(ming, f"/console/callbacks/{old}/claim", {}, read_page=read_page)
    claimed = read_page(ming, "/console/callbacks")
    assert "+8613912345678" in claimed.text_of(id=f"callback-{old}")[0]
    assert claimed.text_of(role="status")[0].startswith(f"Callback {CALLBACK_REFERENCES[0]} is yours")
    theirs = read_page(hua, "/console/callbacks").text_of(id=f"callback-{old}")[0]
    assert "ming" in theirs and "+8613912345678" not in theirs
    post(hua, f"/console/callbacks/{old}/claim", {}, status=409, read_page=read_page)
    post(hua, f"/console/callbacks/{old}/outcome", {"outcome": "reached"}, status=409, read_page=read_page)

    post(
        ming,
        f"/console/callbacks/{old}/outcome",
        {"outcome": "no_answer", "note": "rang 10 times"},
        read_page=read_page,
    )
    (request,) = stored(app, select(CallbackRequest).where(CallbackRequest.id == old))
    assert (request.status, request.attempts, request.claimed_by) == ("open", 1, None)
    assert "rang 10 times" in read_page(hua, "/console/callbacks").text_of(id=f"callback-{old}")[0]

    post(hua, f"/console/callbacks/{old}/claim", {}, read_page=read_page)
    post(
        hua,
        f"/console/callbacks/{old}/outcome",
        {"outcome": "reached", "note": "told her to visit an outlet"},
        read_page=read_page,
    )
    assert [
        int(r["attrs"]["data-callback-id"]) for r in read_page(ming, "/console/callbacks").having("data-callback-id")
    ] == [new]
    actions = [a.action for a in stored(app, select(AuditEntry).order_by(AuditEntry.id))]
    assert actions.count("callback_claim") == 2 and actions.count("callback_outcome") == 2


def test_live_queue_shows_waiting_then_connected_with_the_whisper(app, two_operators, phone, cardholders):
    ming, _ = two_operators
    app.config["OPERATOR_QUEUE"] = QUEUE
    with app.app_context(), db.new_session() as session:
        hua = session.scalar(select(Operator.id).where(Operator.name == "hua"))
        session.add(operator_line("+8613900001111", hua))
        session.commit()
    call = file_report(phone, HOLDERS["zhang"], "en")
    call.press("*")
    call.press("0")
    shown = read_page(ming, "/console/queue")
    (row,) = shown.having("data-state")
    assert row["attrs"]["data-state"] == "waiting"
    assert "identity verified, card ending 0 0 0 1, reported lost by phone" in row["text"]
    line = agent_line(phone)
    line.ring()
    line.take(call)
    (row,) = read_page(ming, "/console/queue").having("data-state")
    assert row["attrs"]["data-state"] == "connected" and "hua" in row["text"]
    line.hang_up()
    leave_queue(call, "bridged")
    call.press("1")
    assert read_page(ming, "/console/queue").having("data-state") == []

    dashboard = read_page(ming, "/console/?range=today")
    assert dashboard.text_of(data_figure="rating_1") == ["1"]
    assert "hua" in " ".join(dashboard.text_of(id="ratings-by-operator"))
    (call_id,) = [
        int(e["attrs"]["data-call-id"]) for e in read_page(ming, "/console/calls?range=today").having("data-call-id")
    ]
    assert read_page(ming, f"/console/calls/{call_id}").text_of(id="rating") == ["Satisfied"]
    exported = ming.get("/console/calls.csv?range=today").get_data(as_text=True).lstrip("\ufeff")
    (line_,) = list(csv.DictReader(io.StringIO(exported)))
    assert (line_["Rating"], line_["Rating reason"], line_["Outcome"]) == ("Satisfied", "", "Report filed")


def test_dashboard_counts_callbacks(app, two_operators):
    ming, _ = two_operators
    add_requests(app)
    shown = read_page(ming, "/console/?first=2026-11-24&last=2026-11-25")
    assert shown.text_of(data_figure="callbacks_requested") == ["2"]
    assert shown.text_of(data_figure="callbacks_unreached") == ["1"]  # the overdue one
    assert shown.text_of(data_figure="callbacks_reached_in_time") == ["0"]


def words(shown, tag, css=None):
    """The text of every `tag` element (of class `css`), as a person reads it."""
    return [
        " ".join(e["text"].split())
        for e in shown.elements
        if e["tag"] == tag and (css is None or css in e["attrs"].get("class", "").split())
    ]


def test_a_mandarin_operator_works_callbacks_and_the_queue_in_mandarin(app, phone, cardholders):
    """The console's default language: every word on the callback list, the queue, the rating
    figures, the timeline and the CSV is Mandarin, and no code (closed, initial_password, waiting) shows."""
    app.config["OPERATOR_QUEUE"] = QUEUE
    make_operator(app, "li", "operator", language="zh")
    make_operator(app, "hua", "supervisor", language="zh")
    li = app.test_client()
    assert sign_in(li, "li").status_code == 302
    old, new = add_requests(app)

    shown = read_page(li, "/console/callbacks")
    assert words(shown, "h1") == ["回电请求（待处理 2 条）"]
    assert words(shown, "th")[:11] == [
        "受理编号",
        "请求时间",
        "号码",
        "语言",
        "身份",
        "原因",
        "转入环节",
        "请求次数",
        "已回电次数",
        "回电时限",
        "认领人",
    ]
    first, second = (" ".join(r["text"].split()) for r in shown.having("data-callback-id"))
    assert all(w in first for w in ("英语", "未核验身份", "非人工服务时间", "转人工服务", "逾期", "认领"))
    assert all(w in second for w in ("普通话", "仍为初始密码", "挂失社保卡 · 仍为初始密码"))
    assert "2026年11月" in first  # dates as Babel writes them in Mandarin
    for code in ("closed", "initial_password", "report:", "overdue", "Claim", "Mandarin"):
        assert code not in first + second, code

    response = li.post(f"/console/callbacks/{old}/claim", data={"csrf_token": shown.csrf()}, follow_redirects=True)
    claimed = parse_page(response.get_data(as_text=True))
    assert f"回电请求 {CALLBACK_REFERENCES[0]} 已由您认领" in " ".join(words(claimed, "p", "flash"))
    assert [e["text"] for e in claimed.elements if e["tag"] == "option"] == [
        "已联系上",
        "无人接听",
        "号码错误",
        "已完成",
    ]
    response = li.post(
        f"/console/callbacks/{old}/outcome",
        follow_redirects=True,
        data={"csrf_token": claimed.csrf(), "outcome": "no_answer", "note": "响铃无人接"},
    )
    flashed = " ".join(words(parse_page(response.get_data(as_text=True)), "p", "flash"))
    assert f"回电请求 {CALLBACK_REFERENCES[0]}：无人接听。" in flashed
    refused = li.post(f"/console/callbacks/{old}/outcome", data={"csrf_token": claimed.csrf(), "outcome": "reached"})
    assert refused.status_code == 409 and "请先认领该回电请求" in refused.get_data(as_text=True)

    with app.app_context(), db.new_session() as session:
        hua = session.scalar(select(Operator.id).where(Operator.name == "hua"))
        session.add(operator_line("+8613900001111", hua))
        session.commit()
    call = file_report(phone, HOLDERS["zhang"], "zh")
    call.press("*")
    call.press("0")
    queue = read_page(li, "/console/queue")
    assert words(queue, "h1") == ["人工排队"]  # as the menu names it
    assert words(queue, "th") == ["状态", "来电号码", "进入排队", "等候时长", "排位", "来电摘要", "操作员"]
    (row,) = queue.having("data-state")
    assert row["attrs"]["data-state"] == "waiting" and words(queue, "td", "state") == ["排队中"]
    assert "分" in row["text"] and "秒" in row["text"] and "min" not in row["text"]
    line = agent_line(phone)
    line.ring()
    line.take(call)
    assert words(read_page(li, "/console/queue"), "td", "state") == ["通话中"]
    line.hang_up()
    leave_queue(call, "bridged")
    call.press("3")  # dissatisfied
    call.press("1")  # waited too long
    assert words(read_page(li, "/console/queue"), "td", "state") == []
    assert "当前无人排队或通话。" in read_page(li, "/console/queue").text_of(colspan="7")

    dashboard = read_page(li, "/console/?range=today")
    assert "回电与满意度" in words(dashboard, "h2")
    assert {"满意", "基本满意", "不满意", "满意率"} <= set(words(dashboard, "th"))
    assert "等候时间太长" in words(dashboard, "th") and dashboard.text_of(data_reason="1") == ["等候时间太长1"]
    (call_id,) = [
        int(e["attrs"]["data-call-id"]) for e in read_page(li, "/console/calls?range=today").having("data-call-id")
    ]
    timeline = read_page(li, f"/console/calls/{call_id}")
    assert timeline.text_of(id="rating") == ["不满意 · 原因：等候时间太长"]
    events = " ".join(timeline.text_of(id="timeline"))
    for said in (
        "进入人工排队",
        "离开人工排队 已转人工",
        "邀请满意度评价 人工服务后",
        "完成满意度评价 不满意",
        "说明不满意原因 等候时间太长",
    ):
        assert said in events, said
    exported = li.get("/console/calls.csv?range=today").get_data(as_text=True).lstrip("\ufeff")
    (line_,) = list(csv.DictReader(io.StringIO(exported)))
    assert (line_["满意度评价"], line_["不满意原因"]) == ("不满意", "等候时间太长")
    figures = li.get("/console/figures.csv?range=today").get_data(as_text=True)
    assert "callbacks_requested,回电请求数,1" in figures and "rating_3,评价为不满意,1" in figures  # code, words, value


# 20:00 in Beijing: the line is closed, "0" offers a call back.
EVENING = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def test_a_callback_asked_for_on_the_phone_shows_its_reference_on_the_work_list_and_its_call(app, client, phone, clock):
    clock.now = EVENING
    call = phone.dial(caller="+8613800138000")
    for keys in ("0", "2", "1"):
        call.press(keys)
    (request,) = stored(app, select(CallbackRequest).where(CallbackRequest.status == "open"))
    make_operator(app, "ming", "operator")
    assert sign_in(client, "ming").status_code == 302
    (row,) = read_page(client, "/console/callbacks").text_of(id=f"callback-{request.id}")
    assert row.split()[0] == request.reference
    (fact,) = read_page(client, f"/console/calls/{request.call_id}").text_of(id=f"callback-{request.id}")
    assert fact == f"{request.reference} (Open)"
