"""A person one key away, and no dead ends: 0 from the greeting and from any prompt, an older
caller offered a person first, the initial-password caller put through, the right words when
nobody is ever staffed, and what an elderly caller cannot misread."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from ivr.prompts import CATALOGUE
from ivr.store import Call
from tests.support.calls import file_report, keys_for
from tests.support.known import HOLDERS

OPERATOR = "+861065550000"
EVENING = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # 20:00 in Beijing
NOBODY = "+8613111112222"  # nobody's registered mobile
CONNECTING = {"zh": "正在为您转接人工服务", "en": "Connecting you to an operator"}


@pytest.fixture
def staffed(app):
    app.config["OPERATOR_NUMBER"] = OPERATOR
    return app


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_greeting_says_0_reaches_a_person_and_it_does(phone, staffed, language):
    call = phone.dial(caller=NOBODY, language=language)
    assert {"zh": "人工服务请随时按0", "en": "For an operator, press 0 at any time"}[language] in call.all_heard
    call.press("0")
    assert CONNECTING[language] in call.heard and call.dialled.find("Number").text == OPERATOR


def test_0_during_the_greeting_reaches_a_person_before_any_choice(phone, staffed):
    call = phone.dial(caller=NOBODY)  # the greeting and the menu are one question: 0 is heard first
    call.press("0")
    assert CONNECTING["zh"] in call.heard


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize(
    "keys_before",
    [
        ["1"],  # at the ID number
        ["1", "ID", "1"],  # at the service password
        ["1", "ID"],  # at the read-back
        ["4"],  # at the outlets' area code
    ],
)
def test_0_from_a_prompt_inside_a_flow_reaches_a_person(phone, staffed, cardholders, language, keys_before):
    call = phone.dial(caller=NOBODY, language=language)
    for keys in keys_before:
        call.press(keys_for(HOLDERS["li"]) if keys == "ID" else keys)
    call.press("0#" if call.finish_on_key == "#" else "0")
    assert CONNECTING[language] in call.heard and call.dialled is not None


@pytest.mark.parametrize("language", ["zh", "en"])
def test_0_from_a_sub_menu_outside_staffed_hours_offers_a_call_back(phone, cardholders, clock, language):
    call = file_report(phone, HOLDERS["li"], language)  # after the reference: a sub-menu
    clock.now = EVENING
    call.press("0")
    said = {"zh": "预约人工回电请按2", "en": "To have an operator call you back, press 2"}[language]
    assert said in call.heard and not call.ended


@pytest.mark.parametrize("language", ["zh", "en"])
def test_an_initial_password_caller_in_staffed_hours_is_put_through(phone, staffed, cardholders, session, language):
    holder = HOLDERS["wang"]  # still on the initial password
    call = phone.dial(caller=NOBODY, language=language)
    for keys in ("1", keys_for(holder), "1", holder["service_password"] + "#"):
        call.press(keys)
    call.press(holder["mobile"][-4:])
    said = {"zh": "现在为您转人工服务", "en": "put you through to an operator"}[language]
    assert said in call.heard and CONNECTING[language] in call.heard and call.dialled is not None
    assert session.scalar(select(Call.outcome)) == "initial_password"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_never_staffed_no_sentence_mentions_staffed_hours_nor_a_call_back(phone, app, cardholders, language):
    app.config["OPERATOR_HOURS"] = ""
    words = {
        "zh": ("人工服务时间", "服务时间", "回电", "人工服务请随时按0"),
        "en": ("staffed hours", "call you back", "call back", "For an operator, press 0"),
    }[language]
    heard = []
    call = phone.dial(caller=NOBODY, language=language)
    call.press("0")  # what a person would be: a report at once
    heard.append(call.all_heard)
    assert {"zh": "本热线暂不提供人工服务", "en": "This hotline has no operators"}[language] in call.heard
    call = phone.dial(caller=NOBODY, language=language)  # two failed checks: the outlet, goodbye
    for keys in ("1", keys_for(HOLDERS["li"]), "1", "999999#", "8000", "999999#", "8000"):
        call.press(keys)
    assert call.ended and {"zh": "社保服务网点", "en": "service outlet"}[language] in call.heard
    heard.append(call.all_heard)
    holder = HOLDERS["wang"]  # the initial password: the outlet, goodbye
    call = phone.dial(caller=NOBODY, language=language)
    for keys in ("1", keys_for(holder), "1", "123456#", holder["mobile"][-4:]):
        call.press(keys)
    assert call.ended
    heard.append(call.all_heard)
    for said in heard:
        for word in words:
            assert word not in said


def test_never_staffed_sentences_are_whole(app):
    assert "或在人工服务时间" not in " ".join(texts["zh"] for texts in CATALOGUE.values())


@pytest.mark.parametrize(
    "language, words, not_words",
    [
        ("zh", ("社保卡服务密码", "不是银行卡取款密码"), "取款密码，"),
        ("en", ("service password", "not your bank PIN"), "bank PIN,"),
    ],
)
def test_the_pin_prompt_says_service_password_not_the_bank_pin(phone, cardholders, language, words, not_words):
    call = phone.dial(caller=NOBODY, language=language)
    for keys in ("1", keys_for(HOLDERS["li"]), "1"):
        call.press(keys)
    for word in words:
        assert word in call.heard


@pytest.mark.parametrize("language, last4", [("zh", "零 零 五 三"), ("en", "0, 0, 5, 3")])
def test_silence_at_the_read_back_repeats_the_read_back(phone, cardholders, language, last4):
    call = phone.dial(caller=NOBODY, language=language)
    call.press("1")
    call.press(keys_for(HOLDERS["li"]))
    call.silence()
    assert last4 in call.heard and {"zh": "请输入18位", "en": "Key your 18-digit"}[language] not in call.heard
    call.press("1")  # the 18 digits were kept: on to the password
    assert {"zh": "社保卡服务密码", "en": "service password"}[language] in call.heard


@pytest.mark.one_engine("twilio", reason="about Twilio's SSML inside <Say>")
def test_the_reference_and_last_four_are_said_slowly_with_breaks(phone, cardholders):
    call = file_report(phone, HOLDERS["li"], "zh")
    xml = call.last_xml.decode()
    assert xml.count('<prosody rate="80%">') == 2 and xml.count('<break time="500ms" />') == 2
