"""What a caller may say instead of pressing a key: the phrase grammar in grammar.toml, loaded once.

Data, not sentences the caller hears (those are the catalogue's): ivr/voice/understanding.py
matches a recognizer's text against it and builds Twilio's <Gather hints> from it. Each table
holds a list per language ("zh", "en"); grammar.toml says what each is for.
"""

import re
import tomllib
import unicodedata
from pathlib import Path

_DATA = tomllib.loads((Path(__file__).with_name("grammar.toml")).read_text(encoding="utf-8"))

PURPOSES = _DATA["purposes"]  # {purpose: {language: [phrase, ...]}}
MISHEARINGS = _DATA["mishearings"]  # same shape; matched, never hinted
EXPLICIT_CANCEL = _DATA["explicit_cancel"]  # {language: [phrase, ...]}
NOT_A_REQUEST = _DATA["not_a_request"]
REPORT_NOUNS = _DATA["report_nouns"]
NEGATIONS = _DATA["negations"]
FILLERS = _DATA["fillers"]
YES_NO = {language: {True: _DATA["yes"][language], False: _DATA["no"][language]} for language in ("zh", "en")}
DIGIT_WORDS = _DATA["digit_words"]  # {language: {word: digit}}
DIGIT_FRAMES = _DATA["digit_frames"]


def normalized(utterance, language):
    """The recognizer's text as the grammar is written: NFKC (full-width to half), lower case,
    no punctuation; Mandarin without spaces, English as " word word " (padded for whole words)."""
    text = unicodedata.normalize("NFKC", utterance or "").lower().replace("’", "'")
    text = re.sub(r"[^\w']+", " ", text).strip()
    if language == "zh":
        return text.replace(" ", "")
    return f" {text} "
