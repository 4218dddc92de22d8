"""The softphone engine on hand-written TwiML: what the hotline receives: URLs resolved, Twilio's fields
signed (POST and GET), and the status callback with the call's duration."""

from datetime import timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.support.canned_hotline import VOICE, Ticking, dial, doc


def test_relative_urls_resolve_against_the_document():
    pages = {
        "/voice/incoming": doc("<Redirect>flows/start</Redirect>"),
        "/voice/flows/start": doc('<Gather action="../step?x=1"><Say>Go.</Say></Gather>'),
        "/voice/step": doc("<Hangup/>"),
    }
    call, hotline = dial(pages)
    call.press("1#")
    assert [r["url"] for r in hotline.requests][:3] == [
        VOICE,
        "http://hotline.test/voice/flows/start",
        "http://hotline.test/voice/step?x=1",
    ]


def test_requests_carry_twilios_fields_signed():
    call, hotline = dial(
        {"/voice/incoming": doc('<Gather action="/voice/next"/>'), "/voice/next": doc()}, caller="+8613800138000"
    )
    call.press("7#")
    first, keyed, status = hotline.requests
    assert all(r["signed"] and r["method"] == "POST" for r in hotline.requests)
    assert first["form"]["CallStatus"] == "ringing" and "Digits" not in first["form"]
    for field, value in {
        "From": "+8613800138000",
        "To": "+8610096102",
        "Direction": "inbound",
        "ApiVersion": "2010-04-01",
    }.items():
        assert keyed["form"][field] == value
    assert keyed["form"]["CallSid"].startswith("CA") and len(keyed["form"]["CallSid"]) == 34
    assert keyed["form"]["AccountSid"].startswith("AC") and keyed["form"]["Digits"] == "7"
    assert keyed["form"]["CallSid"] == status["form"]["CallSid"] == first["form"]["CallSid"]


def test_get_method_sends_the_fields_in_the_query_string_signed():
    call, hotline = dial({"/voice/incoming": doc('<Gather action="/voice/next?t=2" method="GET"/>')})
    call.press("9#")
    request = hotline.to("/voice/next")[0]
    query = dict(parse_qsl(urlsplit(request["url"]).query))
    assert request["method"] == "GET" and request["signed"] and request["form"] == {}
    assert query["t"] == "2" and query["Digits"] == "9" and query["CallSid"] == call.state["sid"]


def test_hang_up_sends_the_status_callback_with_the_duration():
    clock = Ticking()
    call, hotline = dial({"/voice/incoming": doc("<Gather><Say>Hello.</Say></Gather>")}, clock=clock)
    clock.now += timedelta(seconds=42)
    call.hang_up()
    (status,) = hotline.to("/voice/status")
    assert status["form"]["CallStatus"] == "completed" and status["form"]["CallDuration"] == "42"
    assert status["signed"]


@pytest.mark.parametrize(
    "lasted, said", [(timedelta(0), "1"), (timedelta(seconds=0.4), "1"), (timedelta(seconds=61.2), "62")]
)
def test_a_short_call_lasts_whole_seconds_rounded_up_never_0(lasted, said):
    """A scripted call takes under a second: rounded down, every one lasted 0 s (and the dashboard's average)."""
    clock = Ticking()
    call, hotline = dial({"/voice/incoming": doc("<Gather><Say>Hello.</Say></Gather>")}, clock=clock)
    clock.now += lasted
    call.hang_up()
    (status,) = hotline.to("/voice/status")
    assert status["form"]["CallDuration"] == said
