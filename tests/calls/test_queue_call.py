"""Whole calls through the operator queue: waiting, the operator line, the whisper, the rating."""

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from ivr.store import CallbackRequest, CallRating, Operator, OutgoingMessage, QueueVisit
from tests.support.calls import done, file_report
from tests.support.console import make_operator
from tests.support.engines import BOTH_ENGINES
from tests.support.known import HOLDERS, OPERATOR_PIN, QUEUE
from tests.support.queue import (
    PRIORITY,
    agent_line,
    ask_for_a_callback_while_waiting,
    leave_queue,
    press_while_waiting,
    queue_wait,
)

WORDS = {
    "zh": dict(
        joining="等候期间，如需改为预约回电，请随时按1",
        ahead="您前面还有2位来电。 预计等候约6分钟",
        next="您是下一位",
        connecting="现在为您接通人工座席",
        rate="请对本次服务进行评价",
        thanks="感谢您的评价",
        callback_mobile="尾号为八 零 零 零的号码",
        saved="已为您登记回电",
        whisper=(
            "普通话来电，已核验身份，卡号尾号0 0 0 1，卡片状态：电话临时挂失，本次来电已办理电话挂失，从主菜单转人工"
        ),
    ),
    "en": dict(
        joining="press 1 at any time to ask for a call back",
        ahead="There are 2 callers ahead of you. The wait is about 6 minutes",
        next="You are next in line",
        connecting="An operator is taking your call now",
        rate="Please rate this call",
        thanks="Thank you for your rating",
        callback_mobile="ending 8, 0, 0, 0",
        saved="Your call-back request is registered",
        whisper="speaks Mandarin, identity verified, card ending 0 0 0 1, reported lost by phone, pre-loss "
        "report filed on this call, asked for an operator from the main menu",
    ),
}

# jambonz hears no keys while a caller waits: nothing promises one there.
WORDS_WITHOUT_KEYS = {"zh": "正在为您转接人工服务，请稍候", "en": "Connecting you to an operator. Please hold"}


def queued(phone, language, holder="zhang", *, file_report):
    """A verified caller who filed a report, went back to the menu and pressed 0."""
    call = file_report(phone, HOLDERS[holder], language)
    call.press("*")  # the main menu
    call.press("0")
    return call


@BOTH_ENGINES
@pytest.mark.parametrize("language", ["zh", "en"])
def test_queue_then_operator_then_rating(phone, cardholders, team, session, clock, language):
    words = WORDS[language]
    call = queued(phone, language, file_report=file_report)
    joining = words["joining"] if phone.engine == "twilio" else WORDS_WITHOUT_KEYS[language]
    # Zhang is 76: he waits in the priority queue, and the operator line dials that one.
    assert joining in call.heard and call.enqueued[2] == PRIORITY
    clock.advance(timedelta(seconds=120))  # jambonz reports no average wait: the hotline counts it
    assert words["ahead"] in queue_wait(call, position=3, waited=40, average=120)
    assert words["next"] in queue_wait(call, position=1, waited=70, average=120)
    if phone.engine == "twilio":  # jambonz's wait music cannot listen for keys (README, Voice engines)
        assert not press_while_waiting(call, "5")  # only 1 leaves the queue

    line = agent_line(phone)
    whisper, dial = line.ring()
    agent_language = "zh"  # AGENT_LANGUAGE: operators hear Mandarin whatever the caller speaks
    assert dial is not None and dial.find("Queue").text == PRIORITY
    expected = WORDS[agent_language]["whisper"]
    assert (expected if language == "zh" else expected.replace("普通话", "英语")) in whisper
    assert words["connecting"] in line.take(call) if phone.engine == "twilio" else not line.take(call)
    assert "接听下一位请按1" in line.hang_up()

    leave_queue(call, "bridged")
    assert words["rate"] in call.heard
    call.press("2")
    assert words["thanks"] in call.heard and call.ended
    rating = session.scalar(select(CallRating))
    visit = session.scalar(select(QueueVisit))
    assert (rating.score, rating.context, rating.operator_id) == (2, "operator", team)
    assert visit.result == "bridged" and visit.agent_call_sid == line.sid and visit.operator_id == team


def test_the_whisper_in_english_for_an_english_team(phone, cardholders, team, app):
    app.config["AGENT_LANGUAGE"] = "en"
    call = queued(phone, "zh", file_report=file_report)
    whisper, _ = agent_line(phone).ring()
    assert WORDS["en"]["whisper"] in whisper and call.enqueued


@BOTH_ENGINES
def test_two_operator_lines_are_told_of_different_callers(phone, cardholders, team, app):
    first, second = queued(phone, "zh", file_report=file_report), phone.dial(caller="+8613700137000", language="en")
    second.press("0")
    line_a, line_b = agent_line(phone), agent_line(phone, caller="+8613900002222")
    heard_a, _ = line_a.ring()
    heard_b, _ = line_b.ring()
    assert "已核验身份" in heard_a and "未核验身份" in heard_b and first.enqueued and second.enqueued
    if phone.engine == "jambonz":  # each line takes exactly the caller it was told of
        taken = [next(v for v in json.loads(line.raw) if v["verb"] == "dequeue") for line in (line_a, line_b)]
        assert [verb["callSid"] for verb in taken] == [first.sid, second.sid]


def test_nobody_waiting_the_line_checks_again(phone, team):
    heard, dial = agent_line(phone).ring()
    assert "目前没有来电在等候" in heard and dial is None


def test_a_phone_that_is_no_operator_line_hears_nothing_about_callers(phone, cardholders, team):
    call = queued(phone, "zh", file_report=file_report)
    heard, dial = agent_line(phone, caller="+8613612345678").ring()
    assert "仅供登记的人工座席使用" in heard and dial is None and "0 0 0 1" not in heard and call.enqueued


@pytest.mark.parametrize("language", ["zh", "en"])
def test_queue_then_callback(phone, cardholders, team, session, language):
    words = WORDS[language]
    call = queued(phone, language, file_report=file_report)
    queue_wait(call, position=2, waited=50)
    ask_for_a_callback_while_waiting(call)
    assert words["callback_mobile"] in call.heard
    call.press("1")
    assert words["saved"] in call.heard and call.ended
    request = session.scalar(select(CallbackRequest))
    assert (request.status, request.reason, request.phone, request.verified, request.card_last4) == (
        "open",
        "asked_while_waiting",
        "+8613800138000",
        True,
        "0001",
    )
    assert request.came_from == "operator:report_filed"
    ack = session.scalar(select(OutgoingMessage).where(OutgoingMessage.kind == "callback_ack"))
    assert ack.to_number == "+8613800138000" and request.reference in ack.body and "8000" in ack.body


@pytest.mark.parametrize("phone", ["jambonz"], indirect=True)
def test_on_jambonz_a_caller_who_stays_on_the_line_keeps_one_stay_and_their_place(
    phone, cardholders, team, session, clock
):
    """jambonz's wait music hears no keys: the caller steps out to be asked, and silence puts them back."""
    call = queued(phone, "en", file_report=file_report)
    first = queue_wait(call, position=1, waited=0)
    assert call.wait_root.find("Leave") is None and "press 1" not in first  # the first round only waits
    clock.advance(timedelta(seconds=35))
    queue_wait(call, position=1, waited=35)
    leave_queue(call, "leave")  # the round ends: out, to be asked
    assert "To ask for a call back instead, press 1" in call.heard
    call.silence()
    assert call.enqueued[2] == PRIORITY  # back in the queue (Zhang, 76, waits in the priority one)
    clock.advance(timedelta(seconds=20))
    heard = queue_wait(call, position=1, waited=5)  # jambonz counts from the new enqueue; the stay does not
    assert "You are next in line" in heard and call.wait_root.find("Leave") is not None
    line = agent_line(phone)
    line.ring()
    leave_queue(call, "bridged")
    (visit,) = session.scalars(select(QueueVisit)).all()
    assert visit.result == "bridged" and visit.operator_id == team and visit.wait_s >= 55
    assert session.scalar(select(CallbackRequest)) is None


@BOTH_ENGINES
def test_a_long_wait_offers_the_callback_outright(phone, cardholders, team, session):
    call = queued(phone, "en", file_report=file_report)
    heard = queue_wait(call, position=4, waited=400)
    assert "the wait is long" in heard
    if phone.engine == "twilio":
        assert press_while_waiting(call, "1")
    else:  # no keys while queued on jambonz: the hotline takes the caller out itself
        assert call.wait_root.find("Leave") is not None and "press 1" not in heard
    leave_queue(call, "leave")
    call.press("1")
    assert done(session, session.scalar(select(CallbackRequest.reason))) == "wait_limit"


def test_hanging_up_in_the_queue_closes_the_visit(phone, cardholders, team, session):
    call = queued(phone, "en", file_report=file_report)
    leave_queue(call, "hangup")
    visit = session.scalar(select(QueueVisit))
    assert visit.result == "hangup" and visit.left_at is not None
    assert session.scalar(select(CallRating)) is None


def test_a_full_queue_offers_a_callback(phone, cardholders, team):
    call = queued(phone, "en", file_report=file_report)
    leave_queue(call, "queue-full")
    assert "cannot place you in the queue" in call.heard and "To ask for a call back, press 1" in call.heard


def test_operator_line_command_registers_the_desk_phone(app, runner, session, phone, cardholders):
    make_operator(app, "li", "operator")
    result = runner.invoke(args=["operator-line", "li", "139 0000 3333", "--pin-stdin"], input=OPERATOR_PIN + "\n")
    assert result.exit_code == 0 and "139****3333" in result.output and "+8613900003333" not in result.output
    assert runner.invoke(args=["operator-line", "nobody", "13900002222"], input="246813\n246813\n").exit_code == 1
    app.config["OPERATOR_QUEUE"] = QUEUE
    call = queued(phone, "en", file_report=file_report)
    line = agent_line(phone, caller="+8613900003333")
    line.ring()
    line.take(call)
    visit = session.scalar(select(QueueVisit))
    assert visit.operator_id == session.scalar(select(Operator.id).where(Operator.name == "li"))
    session.commit()  # end the read: on SQLite it holds the write lock
    assert runner.invoke(args=["operator-line", "li", "--remove"]).exit_code == 0


@BOTH_ENGINES
def test_a_caller_who_hangs_up_as_the_operator_line_takes_them_was_answered_by_nobody(
    phone, cardholders, team, session
):
    call = queued(phone, "en", file_report=file_report)
    agent_line(phone).ring()  # the line is told of them and reaches for them...
    leave_queue(call, "hangup")  # ...but they are gone before the bridge
    visit = session.scalar(select(QueueVisit))
    assert (visit.result, visit.bridged_at, visit.operator_id) == ("hangup", None, None)


@BOTH_ENGINES
def test_a_caller_who_hangs_up_on_the_operator_is_not_asked_to_rate(phone, cardholders, team, session):
    call = queued(phone, "en", file_report=file_report)
    line = agent_line(phone)
    line.ring()
    line.take(call)
    call.hang_up()
    leave_queue(call, "bridged", CallStatus="completed")
    assert call.ended and session.scalar(select(CallRating)) is None
    visit = session.scalar(select(QueueVisit))
    assert visit.left_at is not None and visit.result == "bridged"
