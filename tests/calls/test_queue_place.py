"""Who an operator takes first and what a waiting caller hears of their place: callers aged 65 or
over go first, and the wait music says how many are ahead and roughly how long, on both engines."""

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from ivr.softphone import jambonz
from ivr.store import QueueVisit
from tests.support.calls import keys_for
from tests.support.known import HOLDERS, JAMBONZ_SECRET, QUEUE
from tests.support.queue import PRIORITY, YOUNGER, agent_line, leave_queue, queue_wait


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_caller_65_or_over_by_caller_id_is_offered_a_person_first_and_taken_first(
    phone, cardholders, team, session, language
):
    younger = phone.dial(caller=YOUNGER, language=language)
    younger.press("0")
    assert younger.enqueued[2] == QUEUE

    older = phone.dial(caller="+86" + HOLDERS["zhang"]["mobile"])  # Zhang, 76, from his registered mobile
    said = [text for _, text in older.transcript]
    offer = {"zh": "人工服务请按0，我们优先为您接通", "en": "you will be put through first"}
    first = next(i for i, text in enumerate(said) if offer["zh"] in text)
    assert first < next(i for i, text in enumerate(said) if "挂失社保卡请按1" in text)  # before any menu
    if language == "en":
        older.press("8")
        assert offer["en"] in older.heard and older.heard.index(offer["en"]) < older.heard.index("press 1")
    older.silence()  # keying nothing puts them through
    assert older.enqueued[2] == PRIORITY

    whisper, dial = agent_line(phone).ring()  # the younger caller has waited longer...
    assert dial.find("Queue").text == PRIORITY  # ...but the older one is taken first
    _, dial = agent_line(phone, caller="+8613900002222").ring()
    assert dial.find("Queue").text == QUEUE
    visits = session.scalars(select(QueueVisit).order_by(QueueVisit.id)).all()
    assert [(v.priority, v.queue_name) for v in visits] == [(False, QUEUE), (True, PRIORITY)]


def test_the_id_numbers_birth_date_makes_a_caller_a_priority_one(phone, cardholders, team):
    call = phone.dial(caller="+8613111112222")  # nobody's mobile: nothing known yet
    assert "我们优先为您接通" not in call.heard
    call.press("1")
    call.press(keys_for(HOLDERS["zhang"]))  # born 31 December 1949
    call.press("0")  # a person, from the read-back
    assert call.enqueued[2] == PRIORITY


def test_a_younger_caller_keying_nothing_hears_the_menu_again(phone, cardholders, team):
    call = phone.dial(caller=YOUNGER)
    call.silence()
    assert "我们没有收到您的按键" in call.heard and not hasattr(call, "enqueued")


@pytest.mark.parametrize(
    "position, average, zh, en",
    [
        (2, 30, "您前面还有1位来电。 预计等候约1分钟。", "There is 1 caller ahead of you. The wait is about 1 minute."),
        (
            3,
            120,
            "您前面还有2位来电。 预计等候约6分钟。",
            "There are 2 callers ahead of you. The wait is about 6 minutes.",
        ),
        # Twilio's average once said 100000000 s: no figure is better than an absurd one.
        (3, 100000000, "您前面还有2位来电。 请继续等候", "There are 2 callers ahead of you. Please stay on the line"),
        (2, 0, "您前面还有1位来电。 请继续等候", "There is 1 caller ahead of you. Please stay on the line"),
    ],
)
def test_the_queue_says_one_caller_and_one_minute_and_no_absurd_wait(
    phone, cardholders, team, session, position, average, zh, en
):
    for language, words in (("zh", zh), ("en", en)):
        # jambonz reports no average wait: the hotline's own rows give it. A caller who has waited
        # twice the average, and this one just come, make it the same figure Twilio posts.
        earlier = phone.dial(caller="+8613611112222", language="en")
        earlier.press("0")
        visit = session.scalar(select(QueueVisit).where(QueueVisit.left_at.is_(None)))
        visit.enqueued_at -= timedelta(seconds=2 * average)
        session.commit()
        call = phone.dial(caller=YOUNGER, language=language)
        call.press("0")
        assert words in queue_wait(call, position=position, waited=20, average=average)
        for caller in (earlier, call):
            leave_queue(caller, "hangup")  # out of the queue: the next round's figures are its own


@pytest.mark.parametrize("phone", ["jambonz"], indirect=True)
def test_jambonz_s_zero_based_queue_position_is_the_same_place_in_line(phone, cardholders, team, client):
    """jambonz's waitHook counts the head of the queue as 0 (docs.jambonz.org, enqueue): as it posts it."""
    call = phone.dial(caller=YOUNGER, language="en")
    call.press("0")
    body = {
        "call_sid": call.sid,
        "from": YOUNGER,
        "queueSid": "q1",
        "queuePosition": 2,
        "queueSize": 3,
        "queueTime": 20,
    }
    raw = json.dumps(body).encode()
    response = client.post(call.enqueued[0], data=raw, headers=jambonz.headers_for(raw, JAMBONZ_SECRET))
    heard = " ".join(verb["text"] for verb in response.get_json() if verb["verb"] == "say")
    assert "There are 2 callers ahead of you" in heard
    body["queuePosition"] = 0
    raw = json.dumps(body).encode()
    response = client.post(call.enqueued[0], data=raw, headers=jambonz.headers_for(raw, JAMBONZ_SECRET))
    assert "You are next in line" in " ".join(v["text"] for v in response.get_json() if v["verb"] == "say")
