"""The softphone engine on hand-written TwiML: what Twilio would refuse or stop (broken documents, HTTP errors,
redirect loops, keys not on a keypad), the fallback URL, and text/html run with a warning."""

import re

import pytest

from ivr.softphone import TwimlError, parse
from ivr.softphone.words import describe
from tests.support.canned_hotline import VOICE, dial, doc, said

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
