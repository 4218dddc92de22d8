"""The sentences of questions that listen for speech: both languages, one confirmation per purpose.

ivr/prompts/listening.py is an area of the catalogue; these are said only when SPEECH_ENABLED.
"""

from ivr.flows.menu import MENU
from ivr.prompts import CATALOGUE, LANGUAGES, placeholders
from ivr.prompts.listening import PROMPTS


def test_every_listening_sentence_is_in_both_languages_with_the_same_placeholders():
    for key, texts in PROMPTS.items():
        assert set(texts) == set(LANGUAGES), key
        assert placeholders(texts["zh"]) == placeholders(texts["en"]), key
        assert CATALOGUE[key] is texts, f"{key} is not the catalogue's own"


def test_every_purpose_but_the_operator_has_its_one_short_confirmation():
    """The operator is never confirmed: asking for a person always works."""
    confirmed = {key.removeprefix("listening.confirm_") for key in PROMPTS if key.startswith("listening.confirm_")}
    assert confirmed == {route.purpose for route in MENU} - {"operator"}


def test_a_confirmation_says_how_to_answer_by_voice_and_by_key():
    for key, texts in PROMPTS.items():
        if key.startswith("listening.confirm_") or key == "listening.read_back_digits":
            assert "1" in texts["zh"] and "2" in texts["zh"] and "“" in texts["zh"], key
            assert "press 1" in texts["en"] and "press 2" in texts["en"] and "say" in texts["en"].lower(), key
