"""The router measured on what callers actually say (tests/support/utterances_*.tsv).

The figure is the README's ("Speech"): at least 95 % reach the purpose they ask for, and not one
utterance that does not ask for a cancellation is routed to it, however sure the recognizer is.
"""

from pathlib import Path

import pytest

from ivr.voice.understanding import route

SUPPORT = Path(__file__).resolve().parents[1] / "support"
HELD_OUT = "# --- held out"


def utterances(language):
    """(utterance, expected purpose or None, held out?) for every line of the language's set."""
    rows, held_out = [], False
    for line in (SUPPORT / f"utterances_{language}.tsv").read_text(encoding="utf-8").splitlines():
        held_out = held_out or line.startswith(HELD_OUT)
        if line.strip() and not line.startswith("#"):
            said, expected = line.split("\t")
            rows.append((said, None if expected == "none" else expected, held_out))
    return rows


@pytest.mark.parametrize("language", ["zh", "en"])
def test_at_least_95_percent_of_what_callers_say_reaches_the_purpose_they_ask_for(language):
    rows = utterances(language)
    assert len(rows) >= 100 and any(held for *_, held in rows)
    missed = [(said, expected, route(said, "0.9", language).purpose) for said, expected, _ in rows]
    missed = [miss for miss in missed if miss[1] != miss[2]]
    assert len(missed) <= 0.05 * len(rows), missed


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("confidence", ["0.99", "0.1", None])
def test_no_utterance_that_does_not_ask_for_a_cancellation_starts_one(language, confidence):
    wrongly = [
        said
        for said, expected, _ in utterances(language)
        if expected != "cancel" and route(said, confidence, language).purpose == "cancel"
    ]
    assert wrongly == []


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_set_covers_every_purpose_and_the_traps(language):
    """Every menu purpose, repeat, menu and utterances that ask for nothing are in the set."""
    expected = {purpose for _, purpose, _ in utterances(language)}
    assert expected == {"report", "cancel", "progress", "outlets", "operator", "repeat", "menu", None}
