"""Property-based fuzzing of every /voice and /sms webhook: whatever arrives, an answer, never a 500.

Each example first drives a real call part of the way along a scripted path (so deep steps are
reached), then fires a burst of fuzzed requests: any route, fields of any unicode, huge values,
missing and repeated fields, any Digits and CallStatus, any turn, unknown and malformed CallSids.
Every answer must be 200 TwiML with a way forward (or 403 when unsigned), and nothing stored may be
junk. Bounded by default; `pytest --fuzz-long` runs thousands of examples (tests/support/fuzzing.py).
"""

import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from ivr.console.calllog import OUTCOMES, PURPOSES
from ivr.store import Operator, db
from tests.support.calls import file_report
from tests.support.fuzzing import scaled
from tests.support.known import HOLDERS
from tests.support.queue import operator_line
from tests.support.sweep import every_stored_value
from tests.support.webhooks import check_voice_answer, post_signed, sms_post, stored_state


def steps_the_code_enters():
    """Every step name a flow can move a call to (read from the flows, so a new flow is covered)."""
    import pathlib

    import ivr

    found = {"language"}
    for source in pathlib.Path(ivr.__file__).parent.rglob("*.py"):
        found |= set(re.findall(r'\benter\([\w.]+, [\w.]+, "([a-z_0-9]+)"', source.read_text(encoding="utf-8")))
    return found


STEPS = steps_the_code_enters()
TWILIO_CALL_STATUSES = ["queued", "ringing", "in-progress", "completed", "busy", "failed", "no-answer", "canceled"]
TWILIO_SMS_STATUSES = [
    "accepted",
    "queued",
    "sending",
    "sent",
    "delivered",
    "undelivered",
    "failed",
    "read",
    "receiving",
    "received",
    "scheduled",
    "canceled",
]
ZHANG, LI = HOLDERS["zhang"], HOLDERS["li"]


def id_keys(holder):
    return holder["id_number"].replace("X", "*")


# Real paths through the menu; an example follows one for a random number of key presses.
SCRIPTS = [
    ["1", "1", id_keys(ZHANG), "1", ZHANG["service_password"], ZHANG["mobile"][-4:], "1", "1"],
    ["2", "3", id_keys(LI), "1", LI["service_password"], LI["mobile"][-4:], "1"],
    ["1", "2", id_keys(ZHANG), "1", ZHANG["service_password"], ZHANG["mobile"][-4:], "1"],
    ["2", "4", "1101", "1"],
    ["1", "0"],
    ["2", "1", id_keys(LI), "1", "000000", "0000", id_keys(LI), "1", "000000"],
]
# Keys a caller could really press at some step, mixed with anything at all.
REAL_KEYS = sorted({k for script in SCRIPTS for k in script} | {"", "*", "#", "9", "0", "00000000", "1" * 1000})
digits_values = st.one_of(
    st.sampled_from(REAL_KEYS),
    st.from_regex(r"[0-9*#]{0,40}", fullmatch=True),
    st.text(max_size=60),
    st.sampled_from(["١٢٣", "１２３", "²", "-1", "1e9", "99999999999999999999999", "0x1F", " 1", "1\x00"]),
)
# Form values without lone surrogates: a client cannot encode them as UTF-8, and Twilio never sends them.
any_text = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=80),
    st.integers(-(10**30), 10**30).map(str),
    st.builds(lambda c, n: c * n, st.sampled_from(["9", "x", "中", "<"]), st.integers(1000, 20000)),
)
field_names = st.one_of(
    st.sampled_from(
        [
            "CallSid",
            "From",
            "To",
            "Digits",
            "CallStatus",
            "CallDuration",
            "AccountSid",
            "Direction",
            "FinishedOnKey",
            "Caller",
            "Body",
            "MessageSid",
            "MessageStatus",
            "ErrorCode",
            "SpeechResult",
        ]
    ),
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20),
)
# Turns as they could appear in a URL Twilio was given (anything else fails the signature check anyway).
turns = st.one_of(
    st.none(), st.integers(-2, 40).map(str), st.just("99999999999999999999"), st.text("abcXYZ019-._~", max_size=8)
)


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


@scaled(15)
@given(
    requests=st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "/voice/incoming",
                    "/voice/menu/choice",
                    "/voice/identify/id",
                    "/voice/status",
                    "/sms/status",
                    "/sms/incoming",
                    "/voice/preloss/confirm",
                ]
            ),
            st.dictionaries(field_names, any_text, max_size=5),
            st.sampled_from([None, "", "bm90IGEgc2lnbmF0dXJl", "x" * 300]),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_unsigned_or_forged_requests_are_refused_and_change_nothing(app, client, cardholders, requests):
    with app.app_context():
        from ivr.store import db

        with db.new_session() as session:
            before = every_stored_value(session)
    for route, form, signature in requests:
        headers = {} if signature is None else {"X-Twilio-Signature": signature}
        response = client.post(route + "?m=1", data=form, headers=headers)
        assert response.status_code == 403, (route, response.status_code)
    with app.app_context(), db.new_session() as session:
        assert every_stored_value(session) == before


# Message ids as they fit the column; ids beyond it are issue 11 #8 (test below).
message_ids = st.one_of(st.none(), st.integers(-5, 2**31 - 1).map(str), st.text("0123456789abc-.", max_size=12))


@scaled(20)
@given(
    requests=st.lists(
        st.tuples(
            st.sampled_from(["/sms/status", "/sms/incoming"]),
            message_ids,
            st.fixed_dictionaries(
                {},
                optional={
                    "From": st.one_of(st.sampled_from(["+8613800138000", "13912345678", "", "+1"]), any_text),
                    "Body": st.one_of(
                        st.sampled_from(["STOP", "退订", "START", "HELP", "stop!", " ", "TD 123"]), any_text
                    ),
                    "MessageSid": any_text,
                    "ErrorCode": any_text,
                    "MessageStatus": st.one_of(st.sampled_from(TWILIO_SMS_STATUSES), any_text),
                },
            ),
            st.dictionaries(field_names, any_text, max_size=3),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_sms_webhooks_answer_as_documented(app, phone, cardholders, requests):
    for route, message_id, form, extra in requests:
        form = {**extra, **form}
        response = sms_post(phone, route, message_id, form)
        assert response.status_code != 500, (route, message_id, response.data[:300])
        if route == "/sms/incoming":
            assert response.status_code == 200 and response.content_type.startswith("text/xml")
            root = ET.fromstring(response.data)
            assert root.tag == "Response" and (root.find("Message").text or "").strip()
        else:
            # 204: taken (or not ours: nothing to say to Twilio); 400: no message id at all.
            assert response.status_code in (204, 400), (message_id, response.status_code)
    with app.app_context():
        from ivr.store import db

        with db.new_session() as session:
            numbers = [n for (n,) in session.execute(text("SELECT number FROM sms_opt_outs"))]
            assert all(re.fullmatch(r"\+\d{6,15}", n) for n in numbers), numbers
            assert session.scalar(text("SELECT count(*) FROM outgoing_messages")) == 0


# --- the operator line, the queue, callbacks and ratings, attacked without the PIN -------------

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
        operator = Operator(name="hua", role="operator", password_hash="x")
        session.add(operator)
        session.flush()
        session.add(operator_line(DESK, operator.id))
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
