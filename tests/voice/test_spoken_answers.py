"""What the caller said, read from either engine's request only when no key was pressed, and taken
for a key by the flows' own table (ivr/voice/answers.py); never the words in the call's log."""

import pytest

from ivr.flows.menu import SPOKEN_KEYS
from ivr.voice import answers, inbound


class Held:
    language = "zh"


@pytest.fixture
def asked(app, monkeypatch):
    """`asked(listen, form=..., json=...)`: the Answer for a request as an engine posts it."""
    logged = []
    monkeypatch.setattr(answers.calls, "record", lambda session, call, kind, detail="", *, now: logged.append(detail))

    def ask(listen, *, form=None, json=None):
        with app.test_request_context("/voice/x", method="POST", data=form, json=json):
            return answers.answer(Held(), listen, SPOKEN_KEYS, now=None), logged

    return ask


def test_keys_win_over_words(asked):
    answer, logged = asked("yes_no", form={"Digits": "2", "SpeechResult": "是", "Confidence": "0.9"})
    assert answer == answers.Answer("2", False, True) and logged == []


@pytest.mark.parametrize(
    "form, key, sure",
    [
        ({"SpeechResult": "我的卡丢了", "Confidence": "0.92"}, "1", True),
        ({"SpeechResult": "我的卡丢了", "Confidence": "0.31"}, "1", False),
        ({"SpeechResult": "我的卡丢了"}, "1", True),  # no confidence at all is not a low one
        ({"SpeechResult": "转人工", "Confidence": "0.1"}, "0", True),
        ({"SpeechResult": "今天天气不错", "Confidence": "0.9"}, answers.NOT_UNDERSTOOD, False),
    ],
)
def test_words_at_the_menu_stand_for_its_keys(asked, form, key, sure):
    answer, logged = asked("menu", form=form)
    assert (answer.key, answer.spoken, answer.sure) == (key, True, sure)
    assert form["SpeechResult"] not in " ".join(logged)


def test_jambonz_speech_is_read_from_its_best_alternative(asked):
    payload = {"call_sid": "x", "speech": {"alternatives": [{"transcript": "幺三八五", "confidence": 0.8}]}}
    answer, logged = asked("digits", json=payload)
    assert answer.key == "1385" and answer.spoken
    assert logged == ["digits:4_digits:high"]  # how many digits, never which


@pytest.mark.parametrize(
    "speech",
    [None, "挂失", {"alternatives": []}, {"alternatives": ["挂失"]}, {"alternatives": [{"transcript": ["挂失"]}]}],
)
def test_a_malformed_jambonz_speech_result_is_no_answer(app, asked, speech):
    answer, _ = asked("menu", json={"call_sid": "x", "speech": speech})
    assert answer.key == "" and not answer.spoken


def test_words_go_unheard_where_a_question_listens_for_keys_only_or_speech_is_off(app, asked):
    assert asked(None, form={"SpeechResult": "我的卡丢了"})[0].key == ""
    app.config["SPEECH_ENABLED"] = False
    assert asked("menu", form={"SpeechResult": "我的卡丢了"})[0].key == ""


def test_the_engine_field_reader_gives_twilios_names_for_jambonz_speech(app):
    payload = {"speech": {"alternatives": [{"transcript": "是", "confidence": 0.5}]}}
    with app.test_request_context("/voice/x", method="POST", json=payload):
        assert (inbound.field("SpeechResult"), inbound.field("Confidence")) == ("是", "0.5")
        assert ("SpeechResult", "是") in inbound.fields()  # a retry is told by its words too
