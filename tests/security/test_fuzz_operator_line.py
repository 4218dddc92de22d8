"""The operator line, the queue, callbacks and ratings, fuzzed without the PIN: every answer
has a way forward, no whisper is heard, nobody is reserved, only mainland mobiles are texted."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from ivr.store import db
from tests.support.calls import file_report
from tests.support.fuzz_inputs import ZHANG, any_text, digits_values, turns
from tests.support.fuzzing import scaled
from tests.support.queue import desk_operator
from tests.support.webhooks import check_voice_answer, post_signed, stored_state

DESK = "+8613900001111"
QUEUE_ROUTES = [
    "/voice/agent",
    "/voice/agent/pin",
    "/voice/agent/done",
    "/voice/agent/next",
    "/voice/queue/wait",
    "/voice/queue/wait/key",
    "/voice/queue/connect",
    "/voice/queue/left",
    "/voice/callback/offer",
    "/voice/callback/offer/choice",
    "/voice/callback/start",
    "/voice/callback/caller",
    "/voice/callback/number",
    "/voice/callback/number/check",
    "/voice/rating",
    "/voice/rating/reason",
]
callers = st.one_of(
    st.sampled_from([DESK, "8613900001111", "13900001111", "+86-139-0000-1111", "tel:+8613900001111", ""]),
    st.sampled_from(["+449012345678", "+19002345678", "+881612345678", "4001234567", "anonymous"]),
    any_text,
)
queue_fields = st.fixed_dictionaries(
    {},
    optional={
        "QueueResult": st.one_of(
            st.sampled_from(["bridged", "leave", "hangup", "queue-full", "error", "redirected", "bridging-in-process"]),
            any_text,
        ),
        "DequeingCallSid": st.one_of(st.just("CA" + "a" * 32), any_text),
        "StirVerstat": st.sampled_from(["TN-Validation-Passed-A", "TN-Validation-Failed", "No-TN-Validation", ""]),
        "DialCallStatus": st.one_of(st.sampled_from(["completed", "no-answer", "busy"]), any_text),
        "QueueTime": st.one_of(st.integers(-5, 10**12).map(str), any_text),
    },
)
WHISPER = ("已核验身份", "未核验身份", "下一位来电", "identity verified", "Next caller")


@pytest.fixture
def queued_caller(app, phone, cardholders):
    """The queue on, a desk phone registered with its PIN, and a verified caller waiting."""
    app.config["OPERATOR_QUEUE"] = "hotline-operators"
    with app.app_context(), db.new_session() as session:
        desk_operator(session, "hua", DESK)
        session.commit()
    call = file_report(phone, ZHANG, "zh")
    call.press("*")
    call.press("0")
    return call


@scaled(40)
@given(data=st.data())
def test_without_the_pin_the_queue_and_operator_webhooks_give_nothing_away(app, phone, queued_caller, data):
    sids = [queued_caller.sid, "CA" + "a" * 32, "CA" + "b" * 32, "x" * 65]
    for _ in range(data.draw(st.integers(1, 6))):
        route = data.draw(st.sampled_from(QUEUE_ROUTES))
        form = {
            "CallSid": data.draw(st.sampled_from(sids)),
            "From": data.draw(callers),
            "To": "+8610096199",
            "CallStatus": "in-progress",
            "AccountSid": "AC" + "1" * 32,
            "Digits": data.draw(st.one_of(digits_values, st.from_regex(r"[0-9]{6}", fullmatch=True))),
            **data.draw(queue_fields),
        }
        response = post_signed(phone, route, data.draw(turns), form)
        check_voice_answer(route, response)
        assert not any(words in response.get_data(as_text=True) for words in WHISPER), (route, form)

    def nobody_reserved_and_only_mainland_mobiles_texted(session):
        offered = session.execute(text("SELECT offered_to, operator_id FROM queue_visits")).all()
        assert all(row == (None, None) for row in offered), offered
        for (to,) in session.execute(text("SELECT to_number FROM outgoing_messages")):
            assert re.fullmatch(r"\+861\d{10}", to), to

    stored_state(app, nobody_reserved_and_only_mainland_mobiles_texted)
