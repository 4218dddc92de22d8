"""The caller's two minutes: a lost-card report, from the greeting to the reference, measured by
what is said (4 Chinese characters a second, 2.6 English words a second) and what is keyed.

This is the guard: a sentence added on the happy path must fit in the budget, or something else
must go. Mean time in IVRs in published studies is ~48 s; the reference and the deadline alone
take a third of ours."""

import re

import pytest
from sqlalchemy import select

from ivr.store import PrelossReport
from tests.support.calls import keys_for, spoken_reference
from tests.support.known import HOLDERS

ZH_PER_SECOND = 4.0
EN_WORDS_PER_SECOND = 2.6
BUDGET_S = {"zh": 75, "en": 85}
MAX_KEY_ENTRIES = 7
SPOKEN_CHARACTER = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")  # a syllable each; punctuation is not
WORD = re.compile(r"[A-Za-z0-9']+")


def seconds_of(language, sentence):
    if language == "zh":
        return len(SPOKEN_CHARACTER.findall(sentence)) / ZH_PER_SECOND
    return len(WORD.findall(sentence)) / EN_WORDS_PER_SECOND


def speech_seconds(transcript):
    return sum(seconds_of(language, sentence) for language, sentence in transcript)


class Caller:
    """A caller who counts the keys they press and keeps what they heard. A key pressed while a
    question is being read stops it there (Twilio's <Gather> does): `on_hearing` says after which
    sentence the caller pressed."""

    def __init__(self, call):
        self.call, self.entries = call, 0
        self.heard = list(call.transcript)

    def press(self, keys, on_hearing=None):
        if on_hearing is not None:
            said = [text for _, text in self.heard]
            cut = next(i for i in range(len(said) - 1, -1, -1) if on_hearing in said[i])
            del self.heard[cut + 1 :]
        self.entries += 1
        self.call.press(keys)
        self.heard += self.call.transcript[self.call.turn_start :]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_report_fits_in_the_budget(phone, cardholders, session, language):
    holder = HOLDERS["li"]  # aged under 65, calling from the registered mobile
    caller = Caller(phone.dial(caller="+86" + holder["mobile"]))
    if language == "en":
        caller.press("8", on_hearing="press 8")  # not waiting for the Mandarin menu after it
    for keys in ("1", keys_for(holder), "1", holder["service_password"] + "#", holder["mobile"][-4:], "1"):
        caller.press(keys)

    reference = session.scalar(select(PrelossReport.reference))
    heard = caller.call.heard
    assert heard.count(spoken_reference(reference, language)) == 2  # said twice, grouped
    assert ("12月5日" if language == "zh" else "December 5") in heard  # the deadline
    spent = speech_seconds(caller.heard)
    assert spent <= BUDGET_S[language], f"{spent:.0f} s of speech"
    assert caller.entries <= MAX_KEY_ENTRIES


def test_the_budget_counts_what_is_said():
    assert seconds_of("zh", "挂失成功，卡已停用。") == 2.0  # 8 characters; punctuation is silent
    assert seconds_of("en", "Your card is reported lost.") == pytest.approx(5 / 2.6)
    assert speech_seconds([("zh", "您好"), ("en", "For English, press 8.")]) == pytest.approx(0.5 + 4 / 2.6)


def test_a_key_pressed_stops_the_question(phone, cardholders):
    caller = Caller(phone.dial(caller="+8613912345678"))
    caller.press("8", on_hearing="press 8")
    heard = " ".join(text for _, text in caller.heard)
    assert "For English, press 8" in heard and "To report a lost card, press 1" in heard
    assert "挂失社保卡请按1" not in heard  # said after the English key, in the same question
