"""What a caller says, understood: the main-menu purpose, yes/no, spoken short numbers, the Gather."""

import xml.etree.ElementTree as ET

import pytest
from twilio.twiml.voice_response import Gather, VoiceResponse

from ivr.identity import phones
from ivr.platform.config import ConfigError, load
from ivr.platform.settings import DEFAULTS
from ivr.prompts import grammar
from ivr.voice.spoken_numbers import spoken_digits
from ivr.voice.understanding import Intent, gather_attributes, hints, route, yes_no


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("转人工", "zh"),
        ("卡丢了我要人工", "zh"),
        ("人工人工", "zh"),
        ("Operator", "zh"),
        ("operator", "en"),
        ("I found it, operator", "en"),
    ],
)
@pytest.mark.parametrize("confidence", ["0.95", "0.05"])
def test_asking_for_a_person_always_reaches_the_operator(said, language, confidence):
    assert route(said, confidence, language) == Intent("operator", True)


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("不是找到了", "zh"),
        ("卡还没找到", "zh"),
        ("我没有找到卡", "zh"),
        ("找不着了", "zh"),
        ("我不要解除挂失", "zh"),
        ("别取消挂失", "zh"),
        ("是不是找到了", "zh"),
        ("我捡到一张卡", "zh"),
        ("我想找网点", "zh"),
        ("找回密码", "zh"),
        ("I haven't found it", "en"),
        ("I did not find my card", "en"),
        ("don't cancel the report", "en"),
        ("I found a card in the street", "en"),
        ("I found my card but where is the office", "en"),
    ],
)
def test_what_does_not_ask_for_a_cancellation_never_starts_one(said, language):
    assert route(said, "1.0", language).purpose != "cancel"


def test_a_low_confidence_is_confirmed_and_the_threshold_is_a_setting():
    assert route("我卡丢了", "0.92", "zh") == Intent("report", True)
    assert route("我卡丢了", "0.3", "zh") == Intent("report", False)
    assert route("我卡丢了", "0.92", "zh", min_confidence=0.95) == Intent("report", False)
    assert route("I lost my card", "0.59", "en") == Intent("report", DEFAULTS["SPEECH_MIN_CONFIDENCE"] <= 0.59)


def test_a_turn_without_a_confidence_is_read_by_the_words_alone():
    assert route("网点在哪儿", None, "zh") == Intent("outlets", True)
    assert route("网点在哪儿", "", "zh") == Intent("outlets", True)


@pytest.mark.parametrize(
    ("said", "language"),
    [
        ("卡找到了，新卡做好了吗", "zh"),
        ("我挂失了，现在想解除挂失", "zh"),
        ("I lost my card, where is the office", "en"),
    ],
)
def test_two_purposes_in_one_breath_are_confirmed_not_guessed(said, language):
    assert route(said, "0.99", language).confident is False


def test_nothing_understood_is_no_purpose():
    assert route("", "0.9", "zh") == Intent(None, False)
    assert route("今天天气怎么样", "0.9", "zh") == Intent(None, False)
    assert route("what's the weather", "0.9", "en") == Intent(None, False)


@pytest.mark.parametrize(
    ("said", "language", "answer"),
    [
        ("是", "zh", True),
        ("是的", "zh", True),
        ("对对对", "zh", True),
        ("确认", "zh", True),
        ("没错", "zh", True),
        ("好的", "zh", True),
        ("嗯对", "zh", True),
        ("不是", "zh", False),
        ("不对", "zh", False),
        ("重新输入", "zh", False),
        ("错了", "zh", False),
        ("不对不对，重新输入", "zh", False),
        ("是不是", "zh", None),
        ("嗯", "zh", None),
        ("我想问一下", "zh", None),
        ("yes", "en", True),
        ("yeah that's right", "en", True),
        ("Correct.", "en", True),
        ("no", "en", False),
        ("that's wrong", "en", False),
        ("not right", "en", False),
        ("again", "en", False),
        ("yes no", "en", None),
        ("hmm", "en", None),
    ],
)
def test_yes_and_no_by_voice(said, language, answer):
    assert yes_no(said, language) is answer


@pytest.mark.parametrize(
    ("said", "language", "digits"),
    [
        ("幺三八五", "zh", "1385"),
        ("洞洞幺两", "zh", "0012"),
        ("〇七八九", "zh", "0789"),
        ("零拐勾三", "zh", "0793"),
        ("嗯，呃，那个，五 六 七 八", "zh", "5678"),
        ("我的尾号是两三四五", "zh", "2345"),
        ("后四位1234", "zh", "1234"),
        ("１２３４", "zh", "1234"),
        ("二十三四十五", "zh", "2345"),
        ("幺三八 幺二三四 五六七八", "zh", "13812345678"),
        ("one two three four", "en", "1234"),
        ("oh four one nine", "en", "0419"),
        ("double five one two", "en", "5512"),
        ("triple seven nine", "en", "7779"),
        ("the last four digits are 5 6 7 8", "en", "5678"),
        ("um 12 34", "en", "1234"),
        ("fifty six seventy eight", "en", "5678"),
        ("1,234", "en", "1234"),
    ],
)
def test_short_numbers_said_aloud_become_digits(said, language, digits):
    assert spoken_digits(said, language) == digits


@pytest.mark.parametrize(
    ("said", "language"),
    [("", "zh"), ("一百二十三", "zh"), ("我不知道", "zh"), ("", "en"), ("two thousand", "en"), ("I don't know", "en")],
)
def test_what_is_not_a_number_is_not_guessed(said, language):
    assert spoken_digits(said, language) is None


def test_a_callback_number_said_aloud_is_a_real_mobile_once_normalised():
    assert phones.to_mobile_e164(spoken_digits("幺三八，幺二三四，五六七八", "zh")) == "+8613812345678"


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("kind", ["menu", "yes_no", "digits"])
def test_hints_are_the_grammars_own_words_within_twilios_limit(language, kind):
    phrases = hints(language, kind).split(",")
    misheard = {p for by_language in grammar.MISHEARINGS.values() for p in by_language[language]}
    assert 0 < len(phrases) <= 500 and len(set(phrases)) == len(phrases)
    assert not misheard & set(phrases)


def test_menu_hints_name_every_purpose():
    said = set(hints("zh", "menu").split(","))
    assert {"挂失", "解除挂失", "进度", "网点", "人工", "重听", "主菜单"} <= said


def rendered_gather(config, language, kind="menu"):
    """The <Gather> as Twilio receives it, parsed."""
    response = VoiceResponse()
    response.append(Gather(action="/voice/next", **gather_attributes(config, language, kind)))
    return ET.fromstring(str(response)).find("Gather")


@pytest.mark.parametrize(("language", "tag"), [("zh", "cmn-Hans-CN"), ("en", "en-US")])
def test_with_speech_on_the_gather_listens_for_keys_and_speech_in_the_callers_language(language, tag):
    gather = rendered_gather(load({}), language).attrib
    assert gather["input"] == "dtmf speech" and gather["language"] == tag
    assert gather["speechModel"] == DEFAULTS["SPEECH_MODEL"]
    assert gather["speechTimeout"].isdigit()  # "auto" with a speechModel raises Twilio's warning 13335
    assert gather["hints"] == hints(language)


def test_with_speech_off_the_gather_listens_for_keys_only():
    gather = rendered_gather(load({"SPEECH_ENABLED": "0"}), "zh").attrib
    assert gather["input"] == "dtmf"
    assert not {"language", "speechModel", "speechTimeout", "hints"} & set(gather)


def test_speech_settings_are_checked_at_start():
    config = load({"SPEECH_TIMEOUT_ZH": "3", "SPEECH_MIN_CONFIDENCE": "0.4", "SPEECH_MODEL": "deepgram_nova-2"})
    assert rendered_gather(config, "zh").attrib["speechTimeout"] == "3"
    assert rendered_gather(config, "zh").attrib["speechModel"] == "deepgram_nova-2"
    for bad in ({"SPEECH_TIMEOUT_EN": "auto"}, {"SPEECH_TIMEOUT_ZH": "0"}, {"SPEECH_MIN_CONFIDENCE": "1.5"}):
        with pytest.raises(ConfigError):
            load(bad)
