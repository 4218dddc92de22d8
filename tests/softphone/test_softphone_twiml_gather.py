"""The softphone engine on hand-written TwiML: what a <Gather> submits, and where, as Twilio would."""

import pytest

from ivr.softphone import SoftCall
from ivr.softphone.words import describe
from tests.support.canned_hotline import dial, doc, said

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


def test_state_survives_a_round_trip_through_json():
    import json

    call, hotline = dial({"/voice/incoming": GATHER_THEN_MORE, "/voice/next": doc("<Say>Got it.</Say>")})
    again = SoftCall(call.line, json.loads(json.dumps(call.state)))
    again.press("4")
    assert said(again)[-1] == "Got it." and hotline.to("/voice/next")[0]["form"]["Digits"] == "4"
