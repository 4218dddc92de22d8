"""Delivery reports from Alibaba Cloud and Tencent Cloud: a lost send answer is settled by the report or
the provider's record, never by sending twice; a report settles its message once, and only its own.
"""

from datetime import timedelta

from scheduler.jobs import dispatch_messages
from tests.messaging.mainland.sending import push, queue, stored


def test_a_lost_answer_is_settled_by_the_report_and_never_sent_twice(app, client, clock, standin):
    message_id = queue(app, clock)
    standin.script = ["reset_after"]  # the provider takes it; its answer never arrives
    dispatch_messages(app, sender="s1")
    assert stored(app, message_id).state == "sending" and len(standin.log) == 1
    extra = {"ext": True} if standin.provider == "tencent" else {}
    answer = push(client, standin.provider, standin.report(standin.log[0], **extra))
    assert answer.status_code == 200 and answer.json in ({"code": 0, "msg": "接收成功"}, {"result": 0, "errmsg": "OK"})
    row = stored(app, message_id)
    assert (row.state, row.provider_sid) == ("delivered", standin.log[0]["sid"])
    clock.advance(timedelta(hours=1))
    dispatch_messages(app, sender="s2")
    assert list(standin.taken.values()) == [1]


def test_a_lost_answer_with_no_report_is_found_in_the_provider_s_record(app, clock, standin):
    message_id = queue(app, clock)
    standin.script = ["reset_after"]
    dispatch_messages(app, sender="s1")
    clock.advance(timedelta(seconds=app.config["SMS_OUTCOME_WAIT_SECONDS"] + 60))
    dispatch_messages(app, sender="s2")
    assert stored(app, message_id).state == "delivered"
    assert list(standin.taken.values()) == [1]


def test_a_duplicate_report_changes_nothing(app, client, clock, standin):
    message_id = queue(app, clock)
    dispatch_messages(app, sender="s1")
    report = standin.report(standin.log[0])
    push(client, standin.provider, report)
    first = stored(app, message_id)
    clock.advance(timedelta(minutes=10))
    assert push(client, standin.provider, report).status_code == 200
    failed_late = standin.report(standin.log[0], success=False)
    push(client, standin.provider, failed_late)
    again = stored(app, message_id)
    assert (first.state, again.state) == ("delivered", "delivered")
    assert again.delivered_at == first.delivered_at and again.last_error is None


def test_a_report_without_the_secret_or_for_another_message_settles_nothing(app, client, clock, standin):
    message_id = queue(app, clock)
    dispatch_messages(app, sender="s1")
    report = standin.report(standin.log[0])
    assert push(client, standin.provider, report, token="guessed").status_code == 404
    forged = [{**report[0], "sid": "forged", "biz_id": "forged"}]
    push(client, standin.provider, forged)
    assert push(client, standin.provider, {"not": "a list"}).status_code == 200
    assert stored(app, message_id).state == "sent"
