"""Calls by voice: the open menu question, yes and no, the mobile's last four said aloud, a person
by asking for one; keys still work on every question that listens, and with speech off nothing
listens or mentions speaking. What was said is never kept."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from ivr.prompts import CATALOGUE
from ivr.store import Call, CallbackRequest, CallEvent, OutgoingMessage, PrelossReport
from tests.support.calls import keys_for, load_outlets, report_call
from tests.support.engines import BOTH_ENGINES
from tests.support.known import HOLDERS

OPERATOR = "+861065550000"
LANDLINE = "+861065551234"
EVENING = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # 20:00 in Beijing: the operators have gone home
ZH_DIGITS = dict(zip("0123456789", "洞幺两三四五六拐八九", strict=True))
EN_DIGITS = dict(
    zip("0123456789", ["oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"], strict=True)
)
SAID = {  # what a caller says at each question of a report, in their own words
    "zh": {"purpose": "嗯，我的社保卡丢了", "yes": "对", "again": "是的", "frame": "尾号是{}"},
    "en": {"purpose": "I lost my card", "yes": "yes", "again": "yeah that's right", "frame": "it's {}"},
}
HEARD = {  # what the caller hears that shows where the call is
    "zh": {"id": "请输入18位身份证号码", "read_back": "您说的是", "offer": "确认挂失请按1", "filed": "挂失成功"},
    "en": {"id": "Key your 18-digit ID number", "read_back": "I heard", "offer": "To report it, press 1", "filed": ""},
}


def spoken_digits(digits, language):
    words = ZH_DIGITS if language == "zh" else EN_DIGITS
    return (" " if language == "en" else "").join(words[d] for d in digits)


def events(session, call, kind):
    session.expire_all()
    found = session.scalars(
        select(CallEvent.detail)
        .join(Call, Call.id == CallEvent.call_id)
        .where(Call.call_sid == call.sid, CallEvent.kind == kind)
    ).all()
    session.commit()
    return found


def purpose_of(session, call):
    session.expire_all()
    purpose = session.scalar(select(Call.purpose).where(Call.call_sid == call.sid))
    session.commit()
    return purpose


def listening_sentences(language):
    return [texts[language].split("{")[0][:8] for key, texts in CATALOGUE.items() if key.startswith("listening.")]


@pytest.fixture
def staffed(app):
    app.config["OPERATOR_NUMBER"] = OPERATOR
    return app


@pytest.mark.parametrize("language", ["zh", "en"])
@BOTH_ENGINES
def test_a_report_by_voice_purpose_yes_and_the_mobiles_last_four(phone, cardholders, session, language):
    holder, said, heard = HOLDERS["li"], SAID[language], HEARD[language]
    call = phone.dial(caller="+86" + holder["mobile"], language=language)
    assert {"zh": "也可直接说出", "en": "Or just say what you need"}[language] in call.heard
    call.say(said["purpose"])
    assert heard["id"] in call.heard
    assert call.listening == "dtmf"  # the ID number stays on the keypad
    call.press(keys_for(holder))
    call.say(said["yes"])  # the ID number's last four are right
    assert call.listening == "dtmf"  # the service password too
    call.press(holder["service_password"] + "#")
    call.say(said["frame"].format(spoken_digits(holder["mobile"][-4:], language)))
    assert heard["read_back"] in call.heard  # read back before it is used
    call.say(said["again"])
    assert heard["offer"] in call.heard
    call.say(said["yes"])
    reference = session.scalar(select(PrelossReport.reference))
    session.commit()
    assert reference is not None and heard["filed"] in call.heard
    # What was said is not in the call's log: only what it was taken for, and how sure.
    details = " ".join(events(session, call, "speech_heard"))
    assert "menu:report:high" in details and "digits:4_digits:high" in details
    for words in (said["purpose"], holder["mobile"][-4:], spoken_digits(holder["mobile"][-4:], language)):
        assert words not in details


def test_the_last_four_said_wrong_are_never_judged(phone, cardholders, session):
    """ "不对" to the read-back asks for them again: the wrong digits count for nothing."""
    holder = HOLDERS["li"]
    call = phone.dial(caller="+86" + holder["mobile"])
    for keys in ("1", keys_for(holder), "1", holder["service_password"] + "#"):
        call.press(keys)
    call.say(spoken_digits("9999", "zh"))
    assert "您说的是" in call.heard
    call.say("不对")
    assert "后4位" in call.heard
    assert events(session, call, "verification_failed") == []
    call.press(holder["mobile"][-4:])  # keys still work at the question that listens
    assert "确认挂失请按1" in call.heard


@pytest.mark.parametrize(
    "language, words, confirm, ask_id",
    [
        ("zh", "我的卡丢了", "您是要挂失社保卡吗", "请输入18位身份证号码"),
        ("en", "I lost my card", "Do you want to report a lost card", "Key your 18-digit ID number"),
    ],
)
def test_heard_unclearly_is_confirmed_in_one_short_question_then_yes(phone, session, language, words, confirm, ask_id):
    call = phone.dial(language=language)
    call.say(words, confidence="0.3")
    assert confirm in call.heard and ask_id not in call.heard
    call.say({"zh": "是", "en": "yes"}[language])
    assert ask_id in call.heard
    assert purpose_of(session, call) == "report"


def test_the_confirmation_takes_keys_too_and_no_goes_back_to_the_menu(phone, session):
    call = phone.dial()
    call.say("我的卡丢了", confidence="0.3")
    call.press("2")
    assert "抱歉，没有听清" in call.heard and "挂失社保卡请按1" in call.heard
    assert purpose_of(session, call) is None
    call.say("我的卡丢了", confidence="0.3")
    call.press("1")
    assert "请输入18位身份证号码" in call.heard


@pytest.mark.parametrize("language", ["zh", "en"])
def test_two_misunderstandings_fall_back_to_the_key_menu(phone, language):
    call = phone.dial(language=language)
    invite = {"zh": "也可直接说出", "en": "Or just say what you need"}[language]
    sorry = {"zh": "抱歉，没有听清", "en": "Sorry, I didn't catch that"}[language]
    call.say({"zh": "今天天气不错", "en": "the weather is nice"}[language])
    assert sorry in call.heard and invite in call.heard and "speech" in call.listening
    call.say({"zh": "嗯嗯那个", "en": "um well"}[language])
    assert sorry in call.heard and invite not in call.heard
    assert call.listening == "dtmf"  # keys only now
    call.press("1")
    assert {"zh": "请输入18位身份证号码", "en": "Key your 18-digit ID number"}[language] in call.heard


@pytest.mark.parametrize("words, confidence", [("转人工", "0.95"), ("人工", "0.2"), ("I want an operator", None)])
def test_asking_for_a_person_always_reaches_the_operator_flow(phone, staffed, words, confidence):
    call = phone.dial(language="en" if words.isascii() else None)
    call.say(words, confidence=confidence)
    assert call.dialled is not None and call.dialled.find("Number").text == OPERATOR


def test_a_person_from_a_yes_no_question_too(phone, staffed, cardholders):
    call = phone.dial()
    call.press("1")
    call.press(keys_for(HOLDERS["li"]))
    call.say("我要转人工")
    assert call.dialled is not None


@pytest.mark.parametrize(
    "words, purpose",
    [
        ("卡还没找到", "report"),
        ("我不要解除挂失", None),
        ("卡找到了，新卡做好了吗", "progress"),
        ("网点在哪儿", "outlets"),
    ],
)
def test_a_cancellation_never_starts_from_words_that_do_not_ask_for_one(phone, session, words, purpose):
    call = phone.dial()
    call.say(words)
    if call.action and "/menu/confirm" in call.action:
        call.say("是")
    assert purpose_of(session, call) == purpose
    assert "cancel" not in " ".join(events(session, call, "speech_heard") + events(session, call, "input_accepted"))


def test_words_that_ask_for_a_cancellation_start_one(phone, session):
    call = phone.dial()
    call.say("我的卡找到了，要解除挂失")
    assert purpose_of(session, call) == "cancel" and "请输入18位身份证号码" in call.heard


def test_a_yes_heard_unclearly_is_asked_again_and_files_nothing(phone, cardholders, session):
    call = report_call(phone, HOLDERS["li"])
    call.say("是", confidence="0.2")
    assert "抱歉，没有听清" in call.heard and "确认挂失请按1" in call.heard
    assert session.scalar(select(PrelossReport.reference)) is None
    session.commit()
    call.say("不是")
    assert session.scalar(select(PrelossReport.reference)) is None
    session.commit()


@pytest.mark.parametrize(
    "language, number, read_back",
    [
        ("zh", "幺三九 幺二三四 五六七八", "幺 三 九，幺 二 三 四"),
        ("en", "one three nine one two three four five six seven eight", "1, 3, 9; 1, 2, 3, 4"),
    ],
)
def test_a_callback_number_said_aloud_is_read_back_then_saved(phone, app, clock, session, language, number, read_back):
    clock.now = EVENING
    call = phone.dial(caller=LANDLINE, language=language)
    call.press("0")
    call.press("2")
    call.say(number)
    assert read_back in call.heard
    call.say({"zh": "对", "en": "yes"}[language])
    session.expire_all()
    phones = session.scalars(select(CallbackRequest.phone).where(CallbackRequest.status != "draft")).all()
    session.commit()
    assert phones == ["+8613912345678"] and call.ended


@pytest.mark.one_engine(
    "twilio",
    reason="reads Twilio's <Gather speechModel>; jambonz's recognizer is tested in tests/voice/test_jambonz_dialect.py",
)
def test_every_question_that_listens_takes_keys(phone, cardholders):
    """A report by keys alone: the questions that listen for words are answered by keys as before;
    the ID number and the password listen for keys only."""
    holder = HOLDERS["li"]
    call = phone.dial(caller="+86" + holder["mobile"])
    for keys in ("1", keys_for(holder), "1", holder["service_password"] + "#", holder["mobile"][-4:], "1"):
        call.press(keys)
    assert "挂失成功" in call.heard
    listening = {action.rsplit("/voice/", 1)[1]: attributes["input"] for action, attributes in call.gathers}
    assert listening == {
        "menu/choice": "dtmf speech",
        "identify/id": "dtmf",
        "identify/confirm": "dtmf speech",
        "identify/password": "dtmf",
        "identify/mobile": "dtmf speech",
        "preloss/confirm": "dtmf speech",
        "preloss/after": "dtmf",
    }
    for _, attributes in call.gathers:
        if "speech" in attributes["input"]:
            assert attributes["speechModel"] and attributes["speechTimeout"].isdigit() and attributes["hints"]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_with_speech_off_nothing_listens_and_nothing_mentions_speaking(app, phone, cardholders, clock, language):
    """Every branch a call can walk: a report, its cancellation, outlets and their SMS; a call back."""
    app.config["SPEECH_ENABLED"] = False
    load_outlets(app)
    holder = HOLDERS["li"]
    call = phone.dial(caller="+86" + holder["mobile"], language=language)
    for keys in ("1", keys_for(holder), "1", holder["service_password"] + "#", holder["mobile"][-4:], "1"):
        call.press(keys)
    for keys in ("*", "2", "1"):
        call.press(keys)
    assert {"zh": "挂失已解除", "en": "cancelled"}[language] in call.heard
    for keys in ("*", "3", "*", "4", "110105#", "1"):
        call.press(keys)
    assert {"zh": "短信已发送", "en": "sent"}[language] in call.heard
    clock.now = EVENING
    other = phone.dial(caller=LANDLINE, language=language)
    for keys in ("0", "2", "13912345678#", "1"):
        other.press(keys)
    for each in (call, other):
        assert {attributes["input"] for _, attributes in each.gathers} == {"dtmf"}
        heard = each.all_heard
        assert not any(sentence in heard for sentence in listening_sentences(language))
        asked_to_speak = ("说出", "请说", "直接说") if language == "zh" else (" say ", "speak")
        assert not any(words in f" {heard.lower()} " for words in asked_to_speak)


def test_the_sms_offer_hears_yes_and_no(app, phone, session):
    """ "好的" to the offer of the list by SMS sends it; "不用了" is the main menu, not another area."""
    load_outlets(app)
    call = phone.dial(caller="+8613911112222")
    call.say("附近的网点在哪儿")
    call.press("110105#")  # the area code stays on the keypad
    call.say("好的")
    assert "短信已发送" in call.heard
    session.expire_all()
    assert session.scalars(select(OutgoingMessage.kind).where(OutgoingMessage.kind == "outlet_info")).all()
    session.commit()
    call.say("不用了")
    assert "挂失社保卡请按1" in call.heard


def test_words_a_question_has_no_use_for_are_not_understood_not_a_wrong_key(phone, cardholders):
    call = report_call(phone, HOLDERS["li"])
    call.say("重听")  # the report's offer repeats nothing: the caller hears it again, not "wrong key"
    assert "抱歉，没有听清" in call.heard and "按键无效" not in call.heard and "确认挂失请按1" in call.heard
