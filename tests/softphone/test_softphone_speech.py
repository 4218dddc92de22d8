"""Spoken turns on the softphone: what Twilio posts when a caller speaks (SpeechResult, Confidence),
from the engine, the terminal (`say: 我卡丢了`) and the browser's text box."""

import pytest
from sqlalchemy import select

from ivr.softphone import Line, SoftCall
from ivr.softphone.gather import spoken_turn
from ivr.softphone.words import describe
from ivr.store import SoftphoneCall
from tests.support.canned_hotline import TOKEN, VOICE, Canned, Ticking, doc

LISTENING = doc(
    '<Gather input="dtmf speech" action="/voice/next" numDigits="1" actionOnEmptyResult="true">'
    "<Say>Say it or press 1.</Say></Gather>"
)
KEYS_ONLY = doc('<Gather action="/voice/next" numDigits="1" actionOnEmptyResult="true"><Say>Press 1.</Say></Gather>')
API = "/softphone/api/calls"


def ring(page):
    hotline = Canned({"/voice/incoming": page})
    call = SoftCall(Line(hotline, url=VOICE, token=TOKEN, clock=Ticking()))
    call.ring()
    return call, hotline


def test_speech_to_a_gather_that_listens_posts_what_twilio_would():
    call, hotline = ring(LISTENING)
    assert call.waiting["speech"] is True
    call.say("我卡丢了")
    (posted,) = hotline.to("/voice/next")
    assert posted["signed"]
    assert posted["form"]["SpeechResult"] == "我卡丢了" and posted["form"]["Confidence"] == "0.9"
    assert "Digits" not in posted["form"]


def test_a_turn_may_carry_the_recognizers_confidence():
    call, hotline = ring(LISTENING)
    call.say(*spoken_turn("say 0.35: 网点在哪儿"))
    assert hotline.to("/voice/next")[0]["form"]["Confidence"] == "0.35"


def test_speech_to_a_gather_for_keys_only_is_not_heard():
    call, hotline = ring(KEYS_ONLY)
    assert "speech" not in call.waiting
    events = call.say("我卡丢了")
    assert any(e["type"] == "note" and "keys only" in describe(e, "en") for e in events)
    (posted,) = hotline.to("/voice/next")
    assert "SpeechResult" not in posted["form"] and "Digits" not in posted["form"]


@pytest.mark.parametrize(
    ("typed", "turn"),
    [
        ("say: 我卡丢了", ("我卡丢了", "0.9")),
        ("SAY 0.4：挂失", ("挂失", "0.4")),
        ("say 1: yes", ("yes", "1")),
        ("1234", None),
    ],
)
def test_a_typed_turn_is_speech_only_when_it_says_so(typed, turn):
    assert spoken_turn(typed) == turn


@pytest.mark.parametrize("typed", ["say:", "say:   ", "say: " + "字" * 201])
def test_an_empty_or_endless_spoken_turn_is_refused(typed):
    with pytest.raises(ValueError):
        spoken_turn(typed)


def test_the_terminal_says_a_scripted_turn(runner):
    result = runner.invoke(args=["call", "--keys", "say: 我卡丢了"])
    lines = result.output.splitlines()
    assert "> 您说：“我卡丢了”" in lines
    # The hotline's menu listens for words: a lost card leads to the ID number's question.
    assert any("身份证号码" in line for line in lines)


def test_the_terminal_refuses_an_empty_spoken_turn(runner, session):
    result = runner.invoke(args=["call", "--keys", "1,say:"])
    assert result.exit_code == 2 and "--keys" in result.output


def test_typing_say_at_the_prompt_speaks(runner):
    result = runner.invoke(args=["call"], input="say: 普通话\nq\n")
    # The greeting's menu listens for words; these ask for nothing it offers: asked again.
    assert "没有听清" in result.output
    assert result.output.count("挂失社保卡请按1") == 2


def test_the_browser_posts_speech_and_never_keeps_the_words(client, session):
    call_id = client.post(API, json={"from": "+8613500000000"}).json["id"]
    view = client.post(f"{API}/{call_id}/speech", json={"words": "幺三八五"})
    assert view.status_code == 200, view.json
    (spoken,) = [e for e in view.json["events"] if e["type"] == "speech"]
    assert spoken["words"] == "••••"
    kept = session.scalar(select(SoftphoneCall.state))
    assert "幺三八五" not in str(kept)


@pytest.mark.parametrize("body", [{}, {"words": ""}, {"words": 5}, {"words": "是", "confidence": "2"}])
def test_the_browser_refuses_speech_that_is_not_words(client, body):
    call_id = client.post(API, json={"from": "+8613500000000"}).json["id"]
    assert client.post(f"{API}/{call_id}/speech", json=body).status_code == 400
