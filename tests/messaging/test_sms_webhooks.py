"""Twilio's SMS webhooks: delivery status, and STOP / 退订 / START / HELP from cardholders."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from sqlalchemy import select

from ivr.store import SmsOptOut, db
from tests.support.app import read_sms
from tests.support.known import TOKEN
from tests.support.sms import queue_sms, scripted_gateway, stored_message, tick, unknown_outcome


@pytest.fixture
def twilio(client, make_phone):
    return make_phone(client, TOKEN)


def status(twilio, message_id, state, sid="SM1", **extra):
    return twilio.post(f"/sms/status?m={message_id}", {"MessageSid": sid, "MessageStatus": state, **extra})


def text_of(response):
    assert response.status_code == 200 and response.mimetype == "text/xml"
    root = ET.fromstring(response.data)
    return [element.text for element in root.iter("Message")]


def sms_in(twilio, body, sender="+8613800138000"):
    return text_of(twilio.post("/sms/incoming", {"From": sender, "To": "+8610696102", "Body": body}))


def sent(app, clock, *, queue_sms, scripted_gateway, tick):
    mid = queue_sms(app, kind="preloss_confirmation", due_at=clock.now)
    tick(app, scripted_gateway("SM1"))
    return mid


def test_delivered_is_recorded(twilio, app, clock):
    mid = sent(app, clock, queue_sms=queue_sms, scripted_gateway=scripted_gateway, tick=tick)
    assert status(twilio, mid, "delivered").status_code == 204
    row = stored_message(app, mid)
    assert row.state == "delivered" and row.delivered_at == clock.now


def test_undelivered_is_kept_for_operators_with_the_reason(twilio, app, clock):
    mid = sent(app, clock, queue_sms=queue_sms, scripted_gateway=scripted_gateway, tick=tick)
    status(twilio, mid, "undelivered", ErrorCode="30005")
    row = stored_message(app, mid)
    assert row.state == "failed" and row.last_error == "twilio undelivered 30005"


def test_a_late_sent_callback_does_not_undo_delivered(twilio, app, clock):
    mid = sent(app, clock, queue_sms=queue_sms, scripted_gateway=scripted_gateway, tick=tick)
    status(twilio, mid, "delivered")
    status(twilio, mid, "sent")
    assert stored_message(app, mid).state == "delivered"


def test_a_callback_settles_a_message_whose_outcome_was_unknown(twilio, app, clock):
    mid = queue_sms(app, kind="preloss_confirmation", due_at=clock.now)
    gateway = scripted_gateway(unknown_outcome())
    tick(app, gateway)
    status(twilio, mid, "sent", sid="SM77")
    clock.advance(timedelta(hours=1))
    tick(app, gateway)
    row = stored_message(app, mid)
    assert (row.state, row.provider_sid) == ("sent", "SM77") and len(gateway.sent) == 1


def test_a_callback_for_another_provider_message_changes_nothing(twilio, app, clock):
    mid = sent(app, clock, queue_sms=queue_sms, scripted_gateway=scripted_gateway, tick=tick)
    status(twilio, mid, "failed", sid="SM-someone-else")
    assert stored_message(app, mid).state == "sent"


@pytest.mark.parametrize("path", ["/sms/status?m=1", "/sms/incoming"])
def test_unsigned_requests_are_refused(twilio, app, path):
    response = twilio.post(path, {"MessageStatus": "delivered", "Body": "STOP", "From": "+8613800138000"}, sign=False)
    assert response.status_code == 403


def opted_out(app):
    with app.app_context(), db.new_session() as session:
        return session.scalars(select(SmsOptOut.number)).all()


# A Latin keyword from a number that is not a cardholder's is answered in English.
@pytest.mark.parametrize(
    "word, language_word",
    [
        ("STOP", "no more reminders"),
        ("退订", "已退订"),
        (" stop ", "no more reminders"),
        ("TD", "no more reminders"),
    ],
)
def test_stop_opts_the_number_out_of_reminders(twilio, app, clock, sms_file, word, language_word):
    (reply,) = sms_in(twilio, word)
    assert language_word in reply
    assert opted_out(app) == ["+8613800138000"]
    reminder = queue_sms(app, kind="formal_report_reminder", due_at=clock.now)
    confirmation = queue_sms(app, kind="preloss_confirmation", subject="report:2", due_at=clock.now)
    tick(app)
    assert [m["id"] for m in read_sms(sms_file)] == [confirmation]
    assert stored_message(app, reminder).state == "cancelled"


def test_start_opts_back_in(twilio, app, clock, sms_file):
    sms_in(twilio, "STOP")
    sms_in(twilio, "STOP")
    (reply,) = sms_in(twilio, "START")
    assert "reminders are on again" in reply
    assert opted_out(app) == []
    queue_sms(app, due_at=clock.now)
    tick(app)
    assert len(read_sms(sms_file)) == 1


@pytest.mark.parametrize("body", ["HELP", "帮助", "where is my card?", ""])
def test_anything_else_gets_the_hotline_number_and_what_it_does(twilio, app, body):
    (reply,) = sms_in(twilio, body)
    assert "96102" in reply
    assert opted_out(app) == []


def test_a_known_cardholder_gets_replies_in_their_language(twilio, app, cardholders):
    (reply,) = sms_in(twilio, "HELP", sender="+8613800138000")  # 张伟, Mandarin
    assert "社保卡挂失服务热线" in reply
