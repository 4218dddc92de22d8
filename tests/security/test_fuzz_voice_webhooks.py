"""Property-based fuzzing of every /voice webhook: whatever arrives, an answer, never a 500.

Each example first drives a real call part of the way along a scripted path (so deep steps are
reached), then fires a burst of fuzzed requests: any route, fields of any unicode, huge values,
missing and repeated fields, any Digits and CallStatus, any turn, unknown and malformed CallSids.
Every answer must be 200 TwiML with a way forward (or 403 when a field is repeated), and nothing
stored may be junk. Bounded by default; `pytest --fuzz-long` runs thousands of examples
(tests/support/fuzzing.py). The /sms webhooks: test_fuzz_sms_webhooks.py; unsigned requests:
test_fuzz_unsigned_requests.py; the operator line: test_fuzz_operator_line.py.
"""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from ivr.console.calllog import OUTCOMES, PURPOSES
from tests.support.fuzz_inputs import (
    SCRIPTS,
    TWILIO_CALL_STATUSES,
    any_text,
    digits_values,
    field_names,
    turns,
)
from tests.support.fuzzing import scaled
from tests.support.known import HOLDERS
from tests.support.sweep import every_stored_value
from tests.support.webhooks import check_voice_answer, post_signed, stored_state


def steps_the_code_enters():
    """Every step name a flow can move a call to (read from the flows, so a new flow is covered)."""
    import pathlib

    import ivr

    found = {"language"}
    for source in pathlib.Path(ivr.__file__).parent.rglob("*.py"):
        found |= set(re.findall(r'\benter\([\w.]+, [\w.]+, "([a-z_0-9]+)"', source.read_text(encoding="utf-8")))
    return found


STEPS = steps_the_code_enters()
STEPS = steps_the_code_enters()


def voice_routes(app):
    return sorted(r.rule for r in app.url_map.iter_rules() if r.rule.startswith("/voice/"))


@st.composite
def fuzzed_request(draw, routes, sids):
    """One request Twilio might (or never would) send: route, turn, fields."""
    route = draw(st.sampled_from(routes))
    turn = draw(turns)
    form = {
        "CallSid": draw(st.one_of(st.sampled_from(sids), any_text)),
        "From": "+8613800138000",
        "To": "+8610096102",
        "CallStatus": "in-progress",
        "AccountSid": "AC" + "1" * 32,
    }
    for name in draw(st.lists(st.sampled_from(list(form)), max_size=3)):
        form.pop(name, None)  # missing fields
    form["Digits"] = draw(digits_values)
    if draw(st.booleans()):
        form["CallStatus"] = draw(st.one_of(st.sampled_from(TWILIO_CALL_STATUSES), any_text))
        form["CallDuration"] = draw(st.one_of(st.integers(-5, 10**25).map(str), any_text))
    form.update(draw(st.dictionaries(field_names, any_text, max_size=4)))
    repeated = draw(st.lists(st.tuples(st.sampled_from(sorted(form) or ["Digits"]), any_text), max_size=2))
    return route, turn, form, repeated


def drive(phone, script, depth):
    """A real call that has pressed the first `depth` keys of `script`."""
    call = phone.dial()
    for keys in script[:depth]:
        if call.ended or not call.action:
            break
        call.press(keys + ("#" if len(keys) > 4 else ""))
    return call


def assert_no_junk(session, known_sids, sent_digits, *, every_stored_value):
    """What is stored is what the hotline means to store, whatever it was sent."""
    for row in session.execute(
        text("SELECT call_sid, language, step, purpose, outcome, twilio_status, duration_s, from_number FROM calls")
    ):
        sid, language, step, purpose, outcome, status, duration, from_number = row
        assert sid in known_sids, f"a call row was stored for {sid!r}, which never rang /voice/incoming"
        assert language in ("zh", "en") and step in STEPS, row
        assert purpose in (None, *PURPOSES) and outcome in (None, *OUTCOMES), row
        assert status in (None, *TWILIO_CALL_STATUSES), row
        assert duration is None or 0 <= duration <= 24 * 3600, row
    events = "\n".join(r[0] for r in session.execute(text("SELECT detail FROM call_events")))
    stored = every_stored_value(session)
    for keyed in sent_digits:
        if re.fullmatch(r"[0-9*]{6,}", keyed):
            assert keyed not in events, "keyed digits were written into the call log"
    for holder in HOLDERS.values():
        assert holder["id_number"] not in stored and holder["id_number"].replace("X", "*") not in stored
    # Only cardholders' registered mobiles are ever sent an SMS, and only verified calls file reports.
    mobiles = {"+86" + h["mobile"] for h in HOLDERS.values()}
    for (to,) in session.execute(text("SELECT to_number FROM outgoing_messages")):
        assert to in mobiles, to
    for (verified,) in session.execute(
        text("SELECT c.verified FROM preloss_reports r JOIN calls c ON c.id = r.call_id")
    ):
        assert verified


@pytest.fixture
def rung(cardholders):
    """CallSids that have rung /voice/incoming in this test (the only ones a call row may exist for)."""
    return set()


@scaled(50)
@given(data=st.data(), script=st.sampled_from(SCRIPTS), depth=st.integers(0, 9))
def test_voice_webhooks_always_answer_with_a_way_forward(app, phone, rung, data, script, depth):
    call = drive(phone, script, depth)
    rung.add(call.sid)
    sids = [call.sid, "CA" + "f" * 32, "CA" + "0" * 31, "", "x" * 65]
    sent = []
    for route, turn, form, repeated in data.draw(st.lists(fuzzed_request(voice_routes(app), sids), max_size=6)):
        right_turn = data.draw(st.booleans())  # drawn every time: what is drawn must not hang on app state
        if right_turn and turn is None and form.get("CallSid") == call.sid and call.action:
            turn = call.action.rpartition("t=")[2]  # the right turn: out-of-step only by route or fields
        if route == "/voice/incoming":
            rung.add(form.get("CallSid", ""))
        sent.append(form.get("Digits", ""))
        response = post_signed(phone, route, turn, form, repeated)
        if repeated:  # Twilio never repeats a field: a request that does is refused outright
            assert response.status_code == 403, (route, response.status_code)
            continue
        check_voice_answer(route, response)
    stored_state(app, lambda session: assert_no_junk(session, rung, sent, every_stored_value=every_stored_value))
