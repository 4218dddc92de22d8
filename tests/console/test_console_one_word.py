"""One word for one thing: the console's Mandarin and what callers hear name the queue and the call back alike."""

from pathlib import Path

from babel.messages.pofile import read_po

from ivr.prompts import CATALOGUE

ROOT = Path(__file__).resolve().parents[2]
# For each thing, the word used for it and the synonyms that must not appear beside it.
ONE_WORD = {"回电": ("回拨",), "人工排队": ("实时排队",)}


def console_mandarin():
    with (ROOT / "ivr/console/translations/zh/LC_MESSAGES/messages.po").open("rb") as po:
        return [
            text for m in read_po(po) if m.id for text in (m.string if isinstance(m.string, tuple) else (m.string,))
        ]


def phone_mandarin():
    return [texts["zh"] for texts in CATALOGUE.values() if "zh" in texts]


def test_the_console_and_the_phone_use_one_word_for_one_thing():
    said = console_mandarin() + phone_mandarin()
    for word, synonyms in ONE_WORD.items():
        assert any(word in text for text in said), word
        for synonym in synonyms:
            assert [text for text in said if synonym in text] == [], f"{synonym} where {word} is the word"
