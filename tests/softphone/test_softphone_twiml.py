"""The softphone engine on hand-written TwiML: Twilio's rules for Gather, URLs, fields, and refusals."""

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest
from twilio.request_validator import RequestValidator

from ivr.softphone import Line, SoftCall, TwimlError, parse
from ivr.softphone.words import describe

VOICE = "http://hotline.test/voice/incoming"
TOKEN = "canned-token"


def doc(*verbs):
    return "<?xml version='1.0' encoding='UTF-8'?><Response>" + "".join(verbs) + "</Response>"


class Canned:
    """A pretend hotline: fixed replies by path, every request kept (and its signature checked)."""

    def __init__(self, pages):
        self.pages = pages
        self.requests = []

    def request(self, method, url, form, headers):
        signature = headers.get("X-Twilio-Signature", "")
        self.requests.append(
            {
                "method": method,
                "url": url,
                "form": form,
                "signed": RequestValidator(TOKEN).validate(url, form, signature),
            }
        )
        reply = self.pages.get(urlsplit(url).path, doc())
        return reply if isinstance(reply, tuple) else (200, "text/xml; charset=utf-8", reply.encode())

    def to(self, path):
        return [r for r in self.requests if urlsplit(r["url"]).path == path]


class Ticking:
    def __init__(self):
        self.now = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)

    def __call__(self):
        return self.now


def dial(pages, **line):
    hotline = Canned(pages)
    call = SoftCall(Line(hotline, url=VOICE, token=TOKEN, clock=line.pop("clock", Ticking()), **line))
    call.ring()
    return call, hotline


def said(call):
    return [e["text"] for e in call.events if e["type"] == "say"]


GATHER_THEN_MORE = doc(
    '<Gather action="/voice/next" numDigits="1" timeout="3"><Say>Press a key.</Say></Gather>',
    "<Say>We heard nothing.</Say>",
    "<Redirect>/voice/again</Redirect>",
)


@pytest.mark.parametrize("keys", ["", "#"])
def test_gather_without_input_falls_through_to_the_next_verb(keys):
    call, hotline = dial({"/voice/incoming": GATHER_THEN_MORE, "/voice/again": doc("<Say>Again.</Say>")})
    call.press(keys)
    assert said(call) == ["Press a key.", "We heard nothing.", "Again."]
    assert hotline.to("/voice/next") == []
    assert hotline.to("/voice/again")[0]["form"].get("Digits") is None
    assert call.ended and "ran out of verbs" in describe(call.events[-1], "en")


def test_gather_with_action_on_empty_result_posts_without_digits():
    page = doc(
        '<Gather action="/voice/next" actionOnEmptyResult="true"><Say>Key?</Say></Gather>', "<Say>Never heard.</Say>"
    )
    call, hotline = dial({"/voice/incoming": page, "/voice/next": doc("<Hangup/>")})
    call.silence()
    (posted,) = hotline.to("/voice/next")
    assert "Digits" not in posted["form"]
    assert "Never heard." not in said(call)


@pytest.mark.parametrize(
    "attributes, keys, digits, ignored",
    [
        ('numDigits="2"', "123", "12", "3"),
        ("", "4567#", "4567", ""),
        ("", "45", "45", ""),  # the timeout submits what was keyed
        ('finishOnKey="*"', "12*9", "12", "9"),
        ('finishOnKey=""', "12#", "12#", ""),
        ('numDigits="4"', "1*#", "1*", ""),
    ],
)
def test_gather_submits_what_twilio_would(attributes, keys, digits, ignored):
    page = doc(f'<Gather action="next" {attributes}><Say>Key?</Say></Gather>')
    call, hotline = dial({"/voice/incoming": page, "/voice/next": doc("<Say>Thanks.</Say>")})
    call.press(keys)
    (posted,) = hotline.to("/voice/next")
    assert posted["form"]["Digits"] == digits
    notes = [describe(e, "en") for e in call.events if e["type"] == "note"]
    assert any(ignored in n for n in notes) if ignored else notes == []


def test_gather_without_action_posts_to_its_own_document():
    pages = {
        "/voice/incoming": doc("<Redirect>/voice/menu?t=3</Redirect>"),
        "/voice/menu": doc('<Gather numDigits="1"><Say>Menu.</Say></Gather>'),
    }
    call, hotline = dial(pages)
    call.press("5")
    last = hotline.to("/voice/menu")[-1]
    assert last["url"] == "http://hotline.test/voice/menu?t=3" and last["form"]["Digits"] == "5"


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


@pytest.mark.parametrize("status, outcome", [("no-answer", "no-answer"), ("completed", "completed")])
def test_dial_posts_dial_call_status_to_its_action(status, outcome):
    pages = {
        "/voice/incoming": doc(
            '<Dial action="/voice/dialled" timeout="20"><Number>+8610012345</Number></Dial>', "<Say>Not reached.</Say>"
        ),
        "/voice/dialled": doc("<Say>After the transfer.</Say>"),
    }
    call, hotline = dial(pages, dial_status=status)
    (after,) = hotline.to("/voice/dialled")
    assert after["form"]["DialCallStatus"] == outcome
    assert said(call) == ["After the transfer."]
    assert [e["number"] for e in call.events if e["type"] == "dial"] == ["+8610012345"]


def test_dial_without_action_goes_on_with_the_next_verb():
    call, _ = dial({"/voice/incoming": doc("<Dial>+8610012345</Dial>", "<Say>Goodbye.</Say>")})
    assert said(call) == ["Goodbye."] and call.ended


def test_play_pause_and_hangup_stop_the_document():
    page = doc("<Play>/audio/tone.wav</Play>", '<Pause length="2"/>', "<Hangup/>", "<Say>Unheard.</Say>")
    call, _ = dial({"/voice/incoming": page})
    kinds = [e["type"] for e in call.events]
    assert kinds == ["ring", "play", "pause", "end"]
    assert call.events[1]["url"] == "http://hotline.test/audio/tone.wav" and call.events[2]["seconds"] == 2


@pytest.mark.parametrize("reason, status", [("", "no-answer"), (' reason="busy"', "busy")])
def test_reject_ends_the_call_busy_or_unanswered(reason, status):
    call, hotline = dial({"/voice/incoming": doc(f"<Reject{reason}/>", "<Say>Unheard.</Say>")})
    assert said(call) == [] and call.ended
    assert hotline.to("/voice/status")[0]["form"]["CallStatus"] == status


def test_say_language_becomes_a_speech_language():
    page = doc('<Say language="cmn-CN">您好</Say><Say language="en-US">Hello</Say><Say>Plain</Say>')
    call, _ = dial({"/voice/incoming": page})
    assert [e["language"] for e in call.events if e["type"] == "say"] == ["zh-CN", "en-US", "en-US"]


MALFORMED = {
    "not xml": ("text/xml", "Welcome to the hotline", "not well-formed XML"),
    "empty": ("text/xml", "", "empty"),
    "json": ("application/json", '{"say": "hi"}', "not XML"),
    "wrong root": ("text/xml", "<Reply><Say>Hi</Say></Reply>", "must start with <Response>"),
    "unknown verb": ("text/xml", doc("<Speak>Hi</Speak>"), "<Speak> is not a TwiML verb"),
    "lowercase verb": ("text/xml", doc("<say>Hi</say>"), "<say> is not a TwiML verb"),
    "redirect in gather": ("text/xml", doc("<Gather><Redirect>/x</Redirect></Gather>"), "not allowed inside <Gather>"),
    "gather in gather": ("text/xml", doc("<Gather><Gather/></Gather>"), "not allowed inside <Gather>"),
    "dial in gather": ("text/xml", doc("<Gather><Dial>+861001</Dial></Gather>"), "not allowed inside <Gather>"),
    "hangup in gather": ("text/xml", doc("<Gather><Hangup/></Gather>"), "not allowed inside <Gather>"),
    "verb in say": ("text/xml", doc("<Say>Hi<Play>/a.wav</Play></Say>"), "only text and SSML"),
    "redirect without url": ("text/xml", doc("<Redirect/>"), "no URL"),
    "numDigits zero": ("text/xml", doc('<Gather numDigits="0"/>'), "numDigits"),
    "timeout words": ("text/xml", doc('<Gather timeout="soon"/>'), "whole number"),
    "two finish keys": ("text/xml", doc('<Gather finishOnKey="##"/>'), "finishOnKey"),
    "bad method": ("text/xml", doc('<Gather method="PUT"/>'), "GET or POST"),
    "bad actionOnEmptyResult": ("text/xml", doc('<Gather actionOnEmptyResult="yes"/>'), "true or false"),
    "dial nothing": ("text/xml", doc("<Dial></Dial>"), "nothing to call"),
    "dial a verb": ("text/xml", doc("<Dial><Say>x</Say></Dial>"), "not something <Dial> can call"),
    "valid but not runnable": ("text/xml", doc("<Record/>"), "softphone cannot run it"),
}


@pytest.mark.parametrize("content_type, body, reason", MALFORMED.values(), ids=MALFORMED.keys())
def test_twiml_twilio_would_refuse_is_refused_clearly(content_type, body, reason):
    with pytest.raises(TwimlError, match=re.escape(reason)):
        parse(body.encode(), content_type)
    call, hotline = dial({"/voice/incoming": (200, content_type, body.encode())})
    assert call.ended and reason in call.error and "/voice/incoming" in call.error
    assert [e["type"] for e in call.events][-2:] == ["error", "end"]
    assert hotline.to("/voice/status"), "the status callback still goes out"


def test_an_error_mid_call_ends_it_with_the_reason():
    pages = {
        "/voice/incoming": doc('<Gather action="/voice/broken"/>'),
        "/voice/broken": (500, "text/html", b"<h1>Internal Server Error</h1>"),
    }
    call, _ = dial(pages)
    call.press("1#")
    assert call.ended and "answered HTTP 500" in call.error


def test_the_fallback_url_answers_when_the_reply_is_broken():
    pages = {"/voice/incoming": (200, "text/xml", b"oops"), "/voice/fallback": doc("<Say>Sorry.</Say>")}
    call, hotline = dial(pages, fallback_url="/voice/fallback")
    (fallback,) = hotline.to("/voice/fallback")
    assert fallback["form"]["ErrorUrl"] == VOICE and fallback["form"]["ErrorCode"] == "12100"
    assert said(call) == ["Sorry."] and call.ended


def test_a_redirect_loop_is_stopped():
    call, _ = dial({"/voice/incoming": doc("<Redirect>/voice/incoming</Redirect>")})
    assert call.ended and "redirect loop" in call.error


def test_text_html_is_run_with_a_warning():
    call, _ = dial({"/voice/incoming": (200, "text/html; charset=utf-8", doc("<Say>Hi</Say>").encode())})
    assert said(call) == ["Hi"] and call.error is None
    assert any("text/html" in describe(e, "en") for e in call.events if e["type"] == "note")


@pytest.mark.parametrize("keys", ["12a", "1 2", "x" * 3, "1" * 65])
def test_keys_not_on_a_keypad_are_refused(keys):
    call, _ = dial({"/voice/incoming": doc("<Gather/>")})
    with pytest.raises(ValueError):
        call.press(keys)
    assert call.waiting is not None, "the call still waits"


def test_state_survives_a_round_trip_through_json():
    import json

    call, hotline = dial({"/voice/incoming": GATHER_THEN_MORE, "/voice/next": doc("<Say>Got it.</Say>")})
    again = SoftCall(call.line, json.loads(json.dumps(call.state)))
    again.press("4")
    assert said(again)[-1] == "Got it." and hotline.to("/voice/next")[0]["form"]["Digits"] == "4"
