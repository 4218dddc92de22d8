"""The jambonz renderer: every Reply feature becomes verbs jambonz's own schemas accept, meaning the
same to the caller as the TwiML does. Whole calls on both engines: tests/calls (@BOTH_ENGINES)."""

import json

import pytest

from ivr.voice import jambonz, replies
from ivr.voice.twiml import Reply
from tests.support.jambonz_schema import check_application


@pytest.fixture
def rendered(app):
    """`rendered(build)`: the verbs jambonz gets for the Reply `build(reply)` fills, checked."""

    def render(build, language="zh"):
        with app.test_request_context("/voice/incoming", method="POST"):
            reply = Reply(language, turn=7)
            build(reply)
            document = jambonz.render(
                reply.xml(), app.config, waiting=reply.waiting, dequeue_call_sid=reply.dequeue_call_sid
            )
            verbs = json.loads(document)
        check_application(verbs)
        return verbs

    return render


def test_a_sentence_is_said_in_the_configured_mandarin_voice(app, rendered):
    app.config.update(JAMBONZ_TTS_VENDOR="google", JAMBONZ_TTS_LANGUAGE_ZH="cmn-CN", JAMBONZ_TTS_VOICE_ZH="cmn-CN-A")
    (say,) = rendered(lambda r: r.say("common.goodbye"))
    assert say["verb"] == "say" and say["text"] == "感谢您的来电，再见。"
    assert say["synthesizer"] == {"vendor": "google", "language": "cmn-CN", "voice": "cmn-CN-A"}


def test_a_question_is_one_gather_that_posts_keys_and_silence_to_the_step(rendered):
    verbs = rendered(lambda r: r.ask("voice.identify.id_number", ["identify.enter_id"], finish_on_key="#", timeout=15))
    gather = verbs[0]
    assert gather["verb"] == "gather" and gather["input"] == ["digits"]
    assert gather["actionHook"] == "/voice/identify/id?t=7" and gather["finishOnKey"] == "#"
    assert gather["timeout"] == 15 and "numDigits" not in gather
    assert "身份证号码" in gather["say"]["text"]


def test_prompts_in_one_voice_are_said_inside_the_gather_one_sentence_after_another(rendered):
    verbs = rendered(
        lambda r: r.say("common.no_input").ask(
            "voice.welcome.choose", [("menu.options", {"items": "社保卡丢失挂失请按1"}), "common.goodbye"], num_digits=1
        )
    )
    say, gather = verbs[0], verbs[1]
    assert say["verb"] == "say" and gather["numDigits"] == 1 and gather["dtmfBargein"] is True
    # Keys cut them short; each prompt its own item, said in turn, as Twilio's <Say>s are.
    first, goodbye = gather["say"]["text"]
    assert first.startswith("社保卡丢失挂失") and goodbye == "感谢您的来电，再见。"


def test_prompts_in_two_languages_keep_their_own_voices(rendered):
    verbs = rendered(
        lambda r: r.ask(
            "voice.welcome.language",
            [("common.goodbye", {"language": "zh"}), ("common.goodbye", {"language": "en"})],
            num_digits=1,
        )
    )
    assert [v["verb"] for v in verbs[:2]] == ["say", "gather"]
    assert verbs[0]["synthesizer"]["language"] == "zh-CN" and verbs[1]["say"]["synthesizer"]["language"] == "en-US"


def test_ssml_inside_a_say_goes_to_jambonz_as_a_speak_document(app):
    twiml = '<Response><Say language="cmn-CN">请记下<break time="500ms"/>参考号</Say></Response>'
    verbs = jambonz.verbs(twiml, app.config)
    check_application(verbs)
    assert verbs[0]["text"] == '<speak>请记下<break time="500ms" />参考号</speak>'


def test_a_slower_repeat_keeps_its_ssml_rate_inside_the_gather(rendered):
    verbs = rendered(lambda r: r.slower().ask("voice.welcome.choose", ["common.goodbye", "common.no_input"]))
    (gather,) = [verb for verb in verbs if verb["verb"] == "gather"]
    texts = gather["say"]["text"]
    assert len(texts) == 2 and all(t.startswith('<speak><prosody rate="85%">') for t in texts)


def test_the_queue_wait_has_only_what_jambonz_allows_while_queued(app, rendered):
    verbs = rendered(lambda r: r.listen("voice.queue.wait_key", ["queue.next", "queue.hold"], timeout=30))
    assert {v["verb"] for v in verbs} <= jambonz.WAIT_VERBS
    assert verbs[-1] == {"verb": "pause", "length": 30}


def test_joining_the_queue_and_taking_a_caller_from_it(rendered):
    (enqueue,) = rendered(lambda r: r.enqueue("hotline-operators", "voice.queue.wait", "voice.queue.left"))
    assert enqueue == {
        "verb": "enqueue",
        "name": "hotline-operators",
        "actionHook": "/voice/queue/left?t=7",
        "waitHook": "/voice/queue/wait",
    }
    (dequeue,) = rendered(
        lambda r: r.dial_queue("hotline-operators", "voice.queue.connect", "voice.agent.done", call_sid="c-1")
    )
    assert dequeue["callSid"] == "c-1"  # the caller the operator was told of, not whoever is first
    assert (dequeue["verb"], dequeue["name"], dequeue["actionHook"]) == (
        "dequeue",
        "hotline-operators",
        "/voice/agent/done?t=7",
    )


def test_a_transfer_dials_the_operator_number(rendered):
    (dial,) = rendered(lambda r: r.dial("+861012345678", "voice.operator.dialled", timeout=25))
    assert dial["target"] == [{"type": "phone", "number": "+861012345678"}] and dial["timeout"] == 25
    assert dial["actionHook"] == "/voice/operator/dialled?t=7"


def test_leave_pause_redirect_and_hangup(rendered):
    verbs = rendered(lambda r: r.pause(2).leave().redirect("voice.welcome.menu").hangup())
    assert verbs == [
        {"verb": "pause", "length": 2},
        {"verb": "leave"},
        {"verb": "redirect", "actionHook": "/voice/menu?t=7"},
        {"verb": "hangup"},
    ]


def test_a_verb_with_no_jambonz_mapping_fails_loudly(app):
    with pytest.raises(jambonz.UnmappedVerb, match="Record"):
        jambonz.verbs("<Response><Record/></Response>", app.config)


@pytest.fixture
def answered(app):
    """`answered(build)`: the verbs a jambonz request gets for the Reply `build(reply)` fills, as served."""

    def answer(build, language="zh"):
        with app.test_request_context("/voice/incoming", method="POST", json={"call_sid": "c1"}):
            reply = Reply(language, turn=7)
            build(reply)
            verbs = json.loads(replies.render(reply))
        check_application(verbs)
        return verbs

    return answer


def test_a_question_ends_with_the_fallback_s_words_said_only_if_its_hook_fails(answered):
    """jambonz has no fallback URL: after a failed actionHook it runs the rest of the document."""
    verbs = answered(lambda r: r.ask("voice.identify.id_number", ["identify.enter_id"], timeout=15))
    assert [v["verb"] for v in verbs] == ["gather", "say", "hangup"]  # Twilio's safety redirect gave way
    assert verbs[1]["text"].startswith("很抱歉，系统暂时出现故障")


def test_the_queue_ends_with_the_fallback_but_its_wait_music_does_not(answered):
    queued = answered(lambda r: r.enqueue("hotline", "voice.queue.wait", "voice.queue.left"))
    assert [v["verb"] for v in queued][-3:] == ["enqueue", "say", "hangup"]
    waiting = answered(lambda r: r.listen("voice.queue.wait_key", ["queue.hold"]))
    assert "hangup" not in [v["verb"] for v in waiting]


def test_a_reply_that_ends_the_call_or_moves_on_gets_no_apology(answered):
    said_goodbye = answered(lambda r: r.say("common.goodbye").hangup(), language="en")
    assert [v["verb"] for v in said_goodbye] == ["say", "hangup"] and "Sorry" not in said_goodbye[0]["text"]
    moved_on = answered(lambda r: r.say("common.goodbye").redirect("voice.welcome.menu"))
    assert [v["verb"] for v in moved_on] == ["say", "redirect"]


@pytest.mark.parametrize("language, tag", [("zh", "cmn-Hans-CN"), ("en", "en-US")])
def test_a_question_that_listens_for_words_has_a_recognizer_in_the_callers_language(app, rendered, language, tag):
    verbs = rendered(
        lambda r: r.ask("voice.welcome.choose", ["menu.label.report"], num_digits=1, listen="menu"), language
    )
    (gather,) = [verb for verb in verbs if verb["verb"] == "gather"]
    assert gather["input"] == ["digits", "speech"] and gather["numDigits"] == 1 and gather["bargein"] is True
    recognizer = gather["recognizer"]
    assert recognizer["vendor"] == app.config["JAMBONZ_STT_VENDOR"] and recognizer["language"] == tag
    assert {"挂失", "人工"} <= set(recognizer["hints"]) if language == "zh" else "operator" in recognizer["hints"]


def test_with_speech_off_a_jambonz_question_listens_for_digits_only(app, rendered):
    app.config["SPEECH_ENABLED"] = False
    verbs = rendered(lambda r: r.ask("voice.welcome.choose", ["menu.label.report"], num_digits=1, listen="menu"))
    (gather,) = [verb for verb in verbs if verb["verb"] == "gather"]
    assert gather["input"] == ["digits"] and "recognizer" not in gather
