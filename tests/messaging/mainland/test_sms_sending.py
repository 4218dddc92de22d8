"""SMS through Alibaba Cloud and Tencent Cloud: their official SDKs against local stand-ins of their APIs.

What a cardholder's phone shows is the provider's 【sign】 and the approved template filled in; it must
be the catalogue's words, once. Rate limits and an unreachable provider wait, refusals fail for an
operator, two senders on a flaky provider send each message at most once.
"""

import socket
import threading
from datetime import timedelta

import pytest

from ivr.prompts import text
from scheduler.jobs import dispatch_messages
from tests.messaging.mainland.conftest import FACTS, KEYS, MOBILE
from tests.messaging.mainland.sending import queue, stored


def seen_on_the_phone(language, sign):
    """The catalogue's words as the phone shows them: the provider puts 【sign】 first, once."""
    words = text("sms.preloss_confirmation", language, hotline=text("welcome.default_name", language), **FACTS)
    return words if words.startswith(sign) else sign + words


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_phone_shows_the_catalogue_s_words_once(app, clock, standin, language, caplog):
    caplog.set_level("DEBUG")
    message_id = queue(app, clock, language=language)
    dispatch_messages(app, sender="s1")
    dispatch_messages(app, sender="s1")
    sign = f"【{standin.book.sign_name}】"
    number = MOBILE if standin.provider == "tencent" else MOBILE[3:]
    assert dict(standin.taken) == {(number, seen_on_the_phone(language, sign)): 1}
    row = stored(app, message_id)
    assert (row.state, row.provider_sid) == ("sent", standin.log[0]["sid"])
    secret = next(v for k, v in KEYS[standin.provider].items() if "SECRET" in k and "ID" not in k)
    assert secret not in caplog.text


def test_a_rate_limit_waits_and_then_sends_once(app, clock, standin):
    message_id = queue(app, clock)
    standin.script = ["limit"]
    dispatch_messages(app, sender="s1")
    row = stored(app, message_id)
    assert row.state == "pending" and "will retry" in row.last_error and not standin.taken
    clock.advance(timedelta(minutes=5))
    dispatch_messages(app, sender="s1")
    assert stored(app, message_id).state == "sent"
    assert list(standin.taken.values()) == [1]


def test_a_refused_template_fails_for_an_operator_without_retrying(app, clock, standin):
    message_id = queue(app, clock)
    standin.codes.clear()  # the provider withdrew its approval
    dispatch_messages(app, sender="s1")
    clock.advance(timedelta(hours=2))
    dispatch_messages(app, sender="s1")
    row = stored(app, message_id)
    assert row.state == "failed" and row.attempts == 1 and "Template" in row.last_error.title()
    assert not standin.taken


def test_a_number_the_provider_refuses_fails_without_retrying(app, clock, standin):
    message_id = queue(app, clock, to="+447700900123")  # a valid mobile, but not one it serves
    dispatch_messages(app, sender="s1")
    row = stored(app, message_id)
    assert row.state == "failed" and row.attempts == 1
    assert "PHONE" in row.last_error.upper() or "MOBILE" in row.last_error.upper()
    assert not standin.taken


def test_a_provider_that_cannot_be_reached_is_tried_again_later_not_doubted(app, clock, standin):
    message_id = queue(app, clock)
    prefix = standin.provider.upper()
    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    app.config[f"{prefix}_SMS_ENDPOINT"] = f"127.0.0.1:{closed}"
    dispatch_messages(app, sender="s1")
    row = stored(app, message_id)
    assert row.state == "pending" and "could not reach" in row.last_error and row.handed_at is None
    app.config[f"{prefix}_SMS_ENDPOINT"] = standin.endpoint
    clock.advance(timedelta(minutes=5))
    dispatch_messages(app, sender="s1")
    assert stored(app, message_id).state == "sent" and list(standin.taken.values()) == [1]


def test_a_reminder_still_waits_for_quiet_hours(app, clock, standin):
    app.config["SMS_QUIET_HOURS"] = "00:00-23:59"  # all day quiet but a minute
    message_id = queue(app, clock, kind="lapse_notice", subject="report:9")
    dispatch_messages(app, sender="s1")
    assert stored(app, message_id).state == "pending" and not standin.taken


def test_two_senders_and_a_flaky_provider_send_each_message_at_most_once(app, clock, standin):
    app.config.update(SMS_MAX_ATTEMPTS=20, SMS_RETRY_BASE_SECONDS=30, SMS_RETRY_MAX_SECONDS=60)
    ids = [queue(app, clock, to=f"+86138001380{n:02d}", subject=f"report:{n}") for n in range(12)]
    standin.script = ["ok", "limit", "reset_after", "ok", "reset_before", "limit", "ok", "reset_after"] * 3
    for _ in range(12):
        senders = [threading.Thread(target=dispatch_messages, args=(app,), kwargs={"sender": n}) for n in ("a", "b")]
        for sender in senders:
            sender.start()
        for sender in senders:
            sender.join(timeout=60)
        clock.advance(timedelta(seconds=app.config["SMS_OUTCOME_WAIT_SECONDS"] + 60))
    rows = [stored(app, message_id) for message_id in ids]
    assert [copies for copies in standin.taken.values() if copies != 1] == []
    sent = [row for row in rows if row.state in ("sent", "delivered")]
    # Tencent's record cannot prove a message never arrived: an operator decides those, none are resent.
    undecided = [row for row in rows if row.state == "failed" and "needs operator" in row.last_error]
    assert len(sent) + len(undecided) == len(rows)
    assert len(standin.taken) == len(sent), [(r.id, r.state, r.last_error) for r in rows]
    if standin.provider == "aliyun":
        assert undecided == []
