"""No caller lost in the queue: a caller who hangs up after a long wait gets a callback request made for
them (marked automatic, merged with one they asked for, no SMS), on both webhooks Twilio may send."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from ivr.operators import lost_callers
from ivr.store import CallbackRequest, CallEvent, OutgoingMessage, QueueVisit
from tests.support.console import stored
from tests.support.known import QUEUE
from tests.support.queue import leave_queue, press_while_waiting, queue_wait

MOBILE = "+8613800138000"


@pytest.fixture
def queue_on(app):
    app.config["OPERATOR_QUEUE"] = QUEUE
    app.config["AUTO_CALLBACK_AFTER_SECONDS"] = 60


def waiting(phone, caller=MOBILE):
    """A caller who pressed 0 and is now waiting in the operator queue."""
    call = phone.dial(caller, language="en")
    call.press("0")
    assert call.enqueued[2] == QUEUE
    return call


def requests_for(app, stored):
    return stored(app, select(CallbackRequest).where(CallbackRequest.status != "draft").order_by(CallbackRequest.id))


def test_a_caller_who_hangs_up_after_a_long_wait_gets_an_automatic_callback(app, phone, queue_on, clock):
    call = waiting(phone)
    clock.advance(timedelta(seconds=95))
    leave_queue(call, "hangup")
    call.hang_up()  # the status callback follows: still one request
    (request,) = requests_for(app, stored)
    assert (request.phone, request.automatic, request.reason, request.status) == (MOBILE, True, "lost_in_queue", "open")
    assert request.due_by is not None
    (visit,) = stored(app, select(QueueVisit))
    assert (visit.wait_s, visit.result) == (95, "hangup")
    assert stored(app, select(OutgoingMessage)) == []  # not asked for: no SMS


def test_the_status_callback_alone_is_enough(app, phone, queue_on, clock):
    call = waiting(phone)
    clock.advance(timedelta(minutes=3))
    call.hang_up()  # Twilio sent no <Enqueue action>: the call simply ended
    (request,) = requests_for(app, stored)
    assert request.automatic and request.phone == MOBILE


def test_a_short_wait_makes_no_request(app, phone, queue_on, clock):
    call = waiting(phone)
    clock.advance(timedelta(seconds=59))
    leave_queue(call, "hangup")
    call.hang_up()
    assert requests_for(app, stored) == []


def test_a_caller_id_the_hotline_may_not_call_makes_no_request(app, phone, queue_on, clock):
    call = waiting(phone, caller="+16505550100")
    clock.advance(timedelta(minutes=2))
    leave_queue(call, "hangup")
    assert requests_for(app, stored) == []
    assert stored(app, select(CallEvent.kind).where(CallEvent.kind == "callback_not_made")) == ["callback_not_made"]


def test_an_automatic_request_merges_into_one_the_caller_asked_for(app, phone, queue_on, clock):
    first = waiting(phone)
    queue_wait(first, waited=20)
    assert press_while_waiting(first, "1")
    leave_queue(first, "leave")
    first.press("1")  # call back on this number
    (asked,) = requests_for(app, stored)
    assert not asked.automatic
    first.hang_up()
    later = waiting(phone)
    clock.advance(timedelta(minutes=2))
    leave_queue(later, "hangup")
    (kept,) = requests_for(app, stored)
    assert (kept.id, kept.automatic, kept.times_asked) == (asked.id, False, 2)


def test_an_operator_answer_or_a_callback_leave_is_not_lost(clock):
    visit = QueueVisit(
        left_at=clock.now, bridged_at=None, leaving_for="asked_while_waiting", wait_s=500, result="hangup"
    )
    assert not lost_callers.lost_in_queue(visit, 60)
    visit.leaving_for, visit.bridged_at = None, clock.now
    assert not lost_callers.lost_in_queue(visit, 60)
    visit.bridged_at = None
    assert lost_callers.lost_in_queue(visit, 60) and not lost_callers.lost_in_queue(visit, 501)
    visit.result = "queue-full"  # a queue error: the caller is offered a callback instead
    assert not lost_callers.lost_in_queue(visit, 60)


@pytest.mark.parametrize(
    ("caller", "callable_as"),
    [
        ("+8613800138000", "+8613800138000"),  # a mainland mobile
        ("01062345678", "+861062345678"),  # a Beijing fixed line
        ("+16505550100", None),  # abroad
        ("4008123123", None),  # shared cost
        ("anonymous", None),
        ("", None),
    ],
)
def test_callable_numbers(caller, callable_as):
    assert lost_callers.callable_number(caller) == callable_as
