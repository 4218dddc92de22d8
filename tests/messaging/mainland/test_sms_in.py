"""Texts cardholders send through Alibaba Cloud and Tencent Cloud: STOP, START, HELP, anything else.

The provider pushes the text (or, for Tencent, the hotline pulls it with the real SDK); the hotline
decides as it does for Twilio and answers once, through the approved template, like any other SMS.
"""

import contextlib
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import event, func, select

from ivr.messaging.inbound import Answer, answer_text
from ivr.store import OutgoingMessage, SmsOptOut, db
from scheduler.jobs import dispatch_messages, pull_sms_replies
from tests.messaging.mainland.conftest import MOBILE, REPORT_TOKEN


def text_in(client, standin, words, token=REPORT_TOKEN, **extra):
    return client.post(f"/sms/{standin.provider}/incoming/{token}", json=standin.text_in(MOBILE, words, **extra))


def nth(standin, n):
    """The provider's id of a cardholder's n-th text (Alibaba numbers them; Tencent has the time)."""
    return {"sequence_id": n} if standin.provider == "aliyun" else {"at": 1767232800 + n}


def opted_out(app):
    with app.app_context(), db.new_session() as session:
        return session.scalars(select(SmsOptOut.number)).all()


def answers(app):
    with app.app_context(), db.new_session() as session:
        return session.scalar(select(func.count(OutgoingMessage.id)))


def on_the_phone(app, standin, key, language):
    """What the cardholder's phone shows for an answer: 【sign】 and the catalogue's words, as sent."""
    with app.app_context():
        words = answer_text(Answer(key, language), app.config)
    sign = f"【{standin.book.sign_name}】"
    number = MOBILE if standin.provider == "tencent" else MOBILE[3:]
    return number, words if words.startswith(sign) else sign + words


@pytest.mark.parametrize("word, language", [("退订", "zh"), ("STOP", "en"), ("td", "en")])
def test_stop_opts_out_and_is_answered_at_once_through_the_template(app, client, clock, standin, word, language):
    app.config["SMS_QUIET_HOURS"] = "00:00-23:59"  # the cardholder just wrote: the answer does not wait
    answer = text_in(client, standin, word)
    assert answer.status_code == 200 and answer.json in ({"code": 0, "msg": "接收成功"}, {"result": 0, "errmsg": "OK"})
    assert opted_out(app) == [MOBILE]
    dispatch_messages(app, sender="s1")
    assert dict(standin.taken) == {on_the_phone(app, standin, "reminders.opted_out", language): 1}


def test_start_opts_back_in_and_anything_else_gets_help(app, client, clock, standin):
    text_in(client, standin, "STOP", **nth(standin, 1))
    text_in(client, standin, "开通", **nth(standin, 2))
    text_in(client, standin, "我的卡在哪里", **nth(standin, 3))
    assert opted_out(app) == []
    dispatch_messages(app, sender="s1")
    shown = [words for _, words in standin.taken]
    assert on_the_phone(app, standin, "reminders.opted_in", "zh")[1] in shown
    assert on_the_phone(app, standin, "reminders.help", "zh")[1] in shown
    assert "96102" in on_the_phone(app, standin, "reminders.help", "zh")[1]


def test_a_text_pushed_twice_is_answered_once(app, client, clock, standin):
    first = text_in(client, standin, "HELP")
    clock.advance(timedelta(minutes=5))
    again = text_in(client, standin, "HELP")
    assert (first.status_code, again.status_code) == (200, 200)
    dispatch_messages(app, sender="s1")
    text_in(client, standin, "HELP")
    dispatch_messages(app, sender="s1")
    assert answers(app) == 1 and list(standin.taken.values()) == [1]


def test_a_push_without_the_secret_changes_nothing(app, client, clock, standin):
    """Neither provider signs these pushes: the secret path is the check."""
    assert text_in(client, standin, "STOP", token="guessed").status_code == 404
    assert client.post(f"/sms/{standin.provider}/incoming/", json={}).status_code == 404
    assert client.post(f"/sms/{standin.provider}/incoming/{REPORT_TOKEN}", json={"not": "a text"}).status_code == 200
    assert opted_out(app) == [] and answers(app) == 0


def test_answers_to_one_number_are_limited(app, client, clock, standin):
    limit = app.config["CALLER_SMS_DESTINATION_HOUR"]
    for n in range(limit + 3):
        text_in(client, standin, "HELP", **nth(standin, n + 1))
    dispatch_messages(app, sender="s1")
    assert answers(app) == limit and sum(standin.taken.values()) == limit


@pytest.mark.parametrize("provider", ["tencent"])
def test_tencent_replies_pulled_with_the_sdk_are_answered_once_even_if_also_pushed(app, client, clock, standin):
    app.config["TENCENT_SMS_PULL_REPLIES"] = True
    pushed = standin.text_in(MOBILE, "退订")  # the same text, waiting to be pulled and pushed too
    assert pull_sms_replies(app) == 1
    assert pull_sms_replies(app) == 0  # Tencent hands a reply over once
    client.post(f"/sms/tencent/incoming/{REPORT_TOKEN}", json=pushed)
    dispatch_messages(app, sender="s1")
    assert opted_out(app) == [MOBILE]
    assert dict(standin.taken) == {on_the_phone(app, standin, "reminders.opted_out", "zh"): 1}


def test_pulling_is_off_unless_configured(app, standin):
    standin.text_in(MOBILE, "退订")
    assert pull_sms_replies(app) == 0 and opted_out(app) == []


class FailingCommit(Exception):
    """The database refusing one commit: a full disk, a dropped connection, a failover."""


@contextmanager
def commit_fails(app, which):
    """The database fails the `which`-th commit from here (1 = the first), once; the others go through."""
    count = 0

    def commit(_connection):
        nonlocal count
        count += 1
        if count == which:
            raise FailingCommit(f"commit {which} refused")

    with app.app_context():
        event.listen(db.engine, "commit", commit)
        try:
            yield
        finally:
            event.remove(db.engine, "commit", commit)


@pytest.mark.parametrize("provider", ["tencent"])
@pytest.mark.parametrize("failing", [1, 2], ids=["keeping-the-batch", "answering-it"])
def test_a_pulled_text_survives_a_failed_commit_and_is_answered_once(app, clock, standin, failing):
    """Tencent hands a reply over once: the commit after the pull failing must not lose it."""
    app.config["TENCENT_SMS_PULL_REPLIES"] = True
    standin.text_in(MOBILE, "退订")
    with commit_fails(app, failing), contextlib.suppress(FailingCommit):
        pull_sms_replies(app)
    assert standin.waiting_replies == []  # Tencent has handed it over: it will not come again
    assert pull_sms_replies(app) == 1
    assert pull_sms_replies(app) == 0
    dispatch_messages(app, sender="s1")
    assert opted_out(app) == [MOBILE]
    assert dict(standin.taken) == {on_the_phone(app, standin, "reminders.opted_out", "zh"): 1}
