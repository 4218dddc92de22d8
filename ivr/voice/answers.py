"""What the caller chose at a question: the keys they pressed, or the keys their words stand for.

The one place a step learns its answer. Keys win (an engine that heard both posts the keys); words
are read only at a question that listens for them, and only when SPEECH_ENABLED, then judged by
ivr/voice/understanding.py. Which key a meaning stands for (挂失 is 1, 是 is 1, 人工 is 0) is the
flows' menu table, handed in as `keys`. What was said is never logged or stored: the call's log
keeps what it was taken for (a purpose, yes or no, how many digits) and a confidence band.
"""

from typing import NamedTuple

from flask import current_app

from ivr.store import db
from ivr.voice import calls, inbound
from ivr.voice.understanding import understand

NOT_UNDERSTOOD = "?"  # words heard but not understood: no key on a keypad, so no choice matches it


class Answer(NamedTuple):
    key: str  # the keys pressed or what the words stand for; "" silence; NOT_UNDERSTOOD
    spoken: bool  # the caller said it
    sure: bool  # False: heard unclearly, confirm before acting (keys are always sure)
    meaning: str | None = None  # what the words were taken for (a purpose, "yes", the digits...)


def answer(call, listen, keys, *, now):
    """The caller's answer to a question that listened for `listen` (None: keys only)."""
    config = current_app.config
    said = inbound.spoken() if listen and config["SPEECH_ENABLED"] else None
    if said is None:
        return Answer(inbound.field("Digits"), False, True)
    words, confidence = said
    minimum = config["SPEECH_MIN_CONFIDENCE"]
    heard = understand(listen, words, confidence, call.language, min_confidence=minimum)
    calls.record(db.session, call, "speech_heard", summary(listen, heard, confidence, minimum), now=now)
    if heard.meaning is None:
        return Answer(NOT_UNDERSTOOD, True, False)
    if heard.meaning.isdigit():
        return Answer(heard.meaning, True, heard.sure, heard.meaning)
    return Answer(keys.get(heard.meaning, NOT_UNDERSTOOD), True, heard.sure, heard.meaning)


def summary(listen, heard, confidence, minimum):
    """For the call's log: what the words were taken for, never the words (digits by count)."""
    meaning = heard.meaning or "not_understood"
    if meaning.isdigit():
        meaning = f"{len(meaning)}_digits"
    return f"{listen}:{meaning}:{band(confidence, minimum)}"


def band(confidence, minimum):
    try:
        return "high" if float(confidence) >= minimum else "low"
    except (TypeError, ValueError):
        return "none"


def reason(key, spoken=False):
    """The sentence for an answer a question cannot use: silence, words not understood (or words
    this question has no use for, "重听" where nothing is repeated), a wrong key."""
    if key == "":
        return "common.no_input"
    return "listening.not_understood" if key == NOT_UNDERSTOOD or spoken else "common.invalid_key"
