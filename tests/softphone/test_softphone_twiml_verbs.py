"""The softphone engine on hand-written TwiML: the verbs besides <Gather>: <Dial>, <Play>, <Pause>, <Hangup>,
<Reject> and <Say>'s language."""

import pytest

from tests.support.canned_hotline import dial, doc, said


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
