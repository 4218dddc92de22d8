"""Abuse: forged queue results, and unsigned requests dressed as Twilio's."""

import pytest
from prometheus_client import REGISTRY
from sqlalchemy import select

from ivr.store import Call, CallEvent, CallRating, QueueVisit
from tests.support.calls import file_report
from tests.support.known import HOLDERS, QUEUE
from tests.support.phone import call_form
from tests.support.queue import leave_queue


def sample(name, **labels):
    return REGISTRY.get_sample_value(name, labels) or 0


def events(session, call_sid):
    session.expire_all()
    call = session.scalar(select(Call).where(Call.call_sid == call_sid))
    kinds = session.scalars(select(CallEvent.kind).where(CallEvent.call_id == call.id)).all()
    outcome = call.outcome
    session.commit()
    return kinds, outcome


def test_a_forged_bridged_result_on_a_call_that_never_queued_records_nothing(phone, app, session):
    call = phone.dial(language="en")
    call.phone.post("/voice/queue/left", call.params(QueueResult="bridged", QueueTime="42"))
    kinds, outcome = events(session, call.sid)
    assert "queue_left" not in kinds and outcome != "operator_transfer" and "out_of_step" in kinds
    assert session.scalar(select(CallRating)) is None and session.scalar(select(QueueVisit)) is None


def test_bridged_before_any_operator_line_took_the_caller_is_refused(phone, cardholders, app, session):
    app.config["OPERATOR_QUEUE"] = QUEUE
    call = file_report(phone, HOLDERS["zhang"], "en")
    call.press("*")
    call.press("0")
    leave_queue(call, "bridged")  # no <Queue url> ran: no operator took this call
    kinds, outcome = events(session, call.sid)
    assert outcome != "operator_transfer" and session.scalar(select(CallRating)) is None
    visit = session.scalar(select(QueueVisit))
    assert visit.operator_id is None and visit.bridged_at is None


def test_a_second_result_for_a_visit_already_over_is_refused(phone, cardholders, app, session):
    app.config["OPERATOR_QUEUE"] = QUEUE
    call = file_report(phone, HOLDERS["zhang"], "en")
    call.press("*")
    call.press("0")
    leave_queue(call, "hangup")
    call.ended = False
    call.phone.post("/voice/queue/left", call.params(QueueResult="bridged"))
    visit = session.scalar(select(QueueVisit))
    assert visit.result == "hangup" and session.scalar(select(CallRating)) is None


@pytest.mark.parametrize("method", ["get", "post", "put", "delete", "patch"])
@pytest.mark.parametrize("path", ["/voice/incoming", "/voice/agent", "/voice/queue/left", "/voice/no-such-step"])
def test_unsigned_requests_get_403_whatever_the_method_counted_apart_from_apologies(client, method, path):
    unsigned = sample("hotline_unsigned_requests_total")
    apologies = sample("hotline_webhooks_total", outcome="apology")
    response = getattr(client, method)(path, data=call_form("CA" + "7" * 32, "+8613800138000", "+8610096102"))
    assert response.status_code == 403 and not response.content_type.startswith("text/xml")
    assert sample("hotline_unsigned_requests_total") == unsigned + 1
    assert sample("hotline_webhooks_total", outcome="apology") == apologies


def test_a_signed_request_to_an_unknown_step_still_hears_the_apology(phone):
    response = phone.post("/voice/no-such-step", call_form("CA" + "7" * 32, "+8613800138000", "+8610096102"))
    assert response.status_code == 200 and response.content_type.startswith("text/xml")
