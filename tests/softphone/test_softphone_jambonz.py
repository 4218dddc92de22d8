"""The softphone ringing the hotline as jambonz does: JSON requests signed with the webhook secret,
JSON verbs run with jambonz's semantics."""

from sqlalchemy import select

from ivr.softphone import Line, SoftCall, jambonz
from ivr.softphone.queues import Switchboard
from ivr.softphone.transports import FlaskTransport, app_line_settings
from ivr.store import Call, CallRating, PrelossReport, QueueVisit, db
from tests.support.calls import identity_keys
from tests.support.known import HOLDERS, OPERATOR_PIN, QUEUE
from tests.support.queue import desk_operator


def said(events):
    return " ".join(e["text"] for e in events if e["type"] == "say")


def jambonz_line(app, caller, path="/voice/incoming", **extra):
    url, secret = app_line_settings(app, "jambonz")
    return Line(
        FlaskTransport(app),
        url=url.replace("/voice/incoming", path),
        token=secret,
        caller=caller,
        dialect="jambonz",
        **extra,
    )


def test_a_whole_report_call_in_jambonz_dialect(app, cardholders, session):
    call = SoftCall(jambonz_line(app, "+8613800138000"))
    assert "挂失社保卡请按1" in said(call.ring()) and call.waiting is not None  # Mandarin by default
    for keys in identity_keys(HOLDERS["zhang"], language="zh"):
        heard = said(call.press(keys))
    assert "确认挂失请按1" in heard
    call.press("1")
    call.silence()  # no rating
    call.silence()
    assert call.ended and not call.error
    report = session.scalar(select(PrelossReport))
    hotline_call = session.scalar(select(Call).where(Call.call_sid == call.state["sid"]))
    assert report is not None and hotline_call.outcome == "report_filed" and hotline_call.twilio_status == "completed"


def test_a_wrong_secret_is_refused(app):
    url, _ = app_line_settings(app, "jambonz")
    call = SoftCall(Line(FlaskTransport(app), url=url, token="not-the-secret", dialect="jambonz"))
    call.ring()
    assert call.ended and "403" in call.error


def test_the_queue_and_the_operator_line_in_jambonz_dialect(app, cardholders, session):
    app.config["OPERATOR_QUEUE"] = QUEUE
    with app.app_context(), db.new_session() as setup:
        operator_id = desk_operator(setup, "hua")
        setup.commit()
    board = Switchboard()
    caller = SoftCall(jambonz_line(app, "+8613800138000", switchboard=board))
    caller.ring()
    for keys in (*identity_keys(HOLDERS["zhang"], language="zh"), "1", "*", "0"):
        events = caller.press(keys)
    assert any(e["type"] == "enqueued" for e in events) and "您是下一位" in said(events)
    assert "按1" not in said(events[-3:])  # jambonz hears no keys while queued: none is promised
    agent = SoftCall(jambonz_line(app, "+8613900001111", "/voice/agent", switchboard=board))
    assert "座席密码" in said(agent.ring())  # the line proves itself with its PIN first (issue 28)
    heard = agent.press(OPERATOR_PIN + "#")
    assert "已核验身份，卡号尾号0 0 0 1" in said(heard) and any(e["type"] == "connected" for e in heard)
    agent.hang_up()
    assert "请对本次服务进行评价" in said(caller.events[-2:])
    caller.press("1")
    assert caller.ended and session.scalar(select(CallRating.score)) == 1
    visit = session.scalar(select(QueueVisit))
    assert visit.result == "bridged" and visit.operator_id == operator_id


class GoesAway:
    """The hotline's web hosts, which stop answering mid-call (nginx then answers 502 for them)."""

    def __init__(self, app):
        self.inner, self.up = FlaskTransport(app), True

    def request(self, method, url, form, headers):
        if not self.up:
            return 502, "text/html", b"<html>502 Bad Gateway</html>"
        return self.inner.request(method, url, form, headers)


def test_a_hook_that_fails_mid_call_is_followed_by_the_apology_not_silence(app):
    """jambonz has no fallback URL: the words a fallback would say end every document that waits on a hook."""
    hosts = GoesAway(app)
    url, secret = app_line_settings(app, "jambonz")
    call = SoftCall(Line(hosts, url=url, token=secret, caller="+8613800138000", dialect="jambonz"))
    assert "挂失社保卡请按1" in said(call.ring())
    hosts.up = False
    heard = call.press("1")
    assert "系统暂时出现故障" in said(heard)
    assert call.ended and {"type": "end", "reason": "hotline"} in heard


def test_a_say_of_several_texts_is_heard_as_several_sentences_with_their_ssml():
    body = '[{"verb":"say","text":["您好。","<speak><prosody rate=\\"85%\\">再听请按9。</prosody></speak>"]}]'
    first, second = jambonz.parse(body, "application/json")
    assert (first.tag, first.text, second.tag) == ("Say", "您好。", "Say")
    assert [(p.get("rate"), p.text) for p in second.iter("prosody")] == [("85%", "再听请按9。")]


def test_the_wait_hook_s_queue_position_is_zero_based_as_jambonz_posts_it():
    body = jambonz.payload({"QueuePosition": "1", "CurrentQueueSize": "3", "QueueTime": "40"})
    assert (body["queuePosition"], body["queueSize"], body["queueTime"]) == (0, 3, 40)


def test_a_waiting_jambonz_caller_steps_out_to_be_offered_a_callback_and_stays(app, cardholders, session):
    app.config["OPERATOR_QUEUE"] = QUEUE
    caller = SoftCall(jambonz_line(app, "+8613700137000", switchboard=Switchboard()))
    caller.ring()
    caller.press("0")
    assert caller.queued and "按1" not in said(caller.events[-3:])  # the first round only waits
    offered = caller.wait()  # a round later: out of the queue, to a question that hears keys
    assert "如需改为预约回电，请按1" in said(offered) and caller.waiting is not None and not caller.queued
    caller.silence()
    assert caller.queued  # back in the queue, in the same stay
    assert len(session.scalars(select(QueueVisit)).all()) == 1
