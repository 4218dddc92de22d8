"""A call answered by voice, as an operator reads it: what the words were taken for and how clearly,
in words of the console's language; never the words, never the digits."""

from sqlalchemy import select

from ivr.store import Call, db
from tests.support.calls import keys_for
from tests.support.console import make_operator, read_page, sign_in
from tests.support.known import HOLDERS


def test_the_timeline_says_what_was_heard_not_what_was_said(app, phone, cardholders):
    holder = HOLDERS["li"]
    call = phone.dial(caller="+86" + holder["mobile"])
    call.say("我的卡丢了", confidence="0.3")
    call.say("是")
    call.press(keys_for(holder))
    call.say("对")
    call.press(holder["service_password"] + "#")
    call.say("幺二三四")
    call.say("不对")
    with app.app_context(), db.new_session() as session:
        call_id = session.scalar(select(Call.id).where(Call.call_sid == call.sid))
    make_operator(app, "li_op", "supervisor", language="zh")
    console = app.test_client()
    assert sign_in(console, "li_op").status_code == 302
    events = " ".join(read_page(console, f"/console/calls/{call_id}").text_of(id="timeline"))
    for shown in (
        "来电人语音回答（内容不保存）",
        "请来电人确认所听到的内容",
        "识别不清",
        "是，识别清楚",
        "4 位数字（不保存），识别清楚",
        "确认所说的手机号后四位",
        "抱歉，没有听清。",
    ):
        assert shown in events, shown
    assert "我的卡丢了" not in events and "1234" not in events and "幺二三四" not in events
