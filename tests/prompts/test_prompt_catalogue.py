"""Every prompt in both languages, every placeholder filled, every key the code says exists."""

import pathlib
import re

import pytest

from ivr.cards.states import STATES
from ivr.flows.menu import SPOKEN_IN_MENU
from ivr.prompts import AREAS, CATALOGUE, LANGUAGES, placeholders, text

CJK = re.compile(r"[\u3400-\u9fff]")
KEYS = sorted(CATALOGUE)
CODE = pathlib.Path(__file__).resolve().parents[2] / "ivr"


def sample_values(template):
    return {name: f"<{name}>" for name in placeholders(template)}


def test_every_area_is_loaded():
    prefixes = {key.split(".")[0] for key in KEYS}
    assert {"cancel", "progress", "outlets", "operator", "navigation"} <= prefixes
    assert len(AREAS) == len(set(AREAS))


@pytest.mark.parametrize("key", KEYS)
def test_both_languages_and_no_placeholder_left(key):
    assert set(CATALOGUE[key]) == set(LANGUAGES), f"{key} must have exactly {LANGUAGES}"
    for language in LANGUAGES:
        template = CATALOGUE[key][language]
        assert template.strip(), f"{key}/{language} is empty"
        rendered = text(key, language, **sample_values(template))
        assert "{" not in rendered and "}" not in rendered, f"{key}/{language} left a placeholder: {rendered}"
    words_zh = re.sub(r"\{[a-z0-9_]*\}", "", CATALOGUE[key]["zh"])
    assert CJK.search(words_zh) or not re.search("[A-Za-z]", words_zh), f"{key}/zh is not in Chinese"
    assert not CJK.search(CATALOGUE[key]["en"]), f"{key}/en has Chinese characters"


@pytest.mark.parametrize("key", KEYS)
def test_both_languages_need_the_same_values(key):
    zh, en = (placeholders(CATALOGUE[key][language]) for language in LANGUAGES)
    assert zh == en, f"{key}: zh needs {sorted(zh)}, en needs {sorted(en)}"


def test_every_key_named_in_the_code_exists():
    named = set()
    prefixes = "|".join(sorted({key.split(".")[0] for key in KEYS}))
    pattern = re.compile(rf"""["']((?:{prefixes})\.[a-z0-9_.]+)["']""")
    for path in CODE.rglob("*.py"):
        if {"prompts", "store"} & set(path.parts):
            continue
        named |= set(pattern.findall(path.read_text(encoding="utf-8")))
    # Endpoints like "voice.cancel.offer" share the syntax; only catalogue-looking names are checked.
    # Host names ("sms.tencentcloudapi.com") too.
    named = {key for key in named if not key.startswith("voice.") and not key.endswith((".jsonl", ".com"))}
    assert named, "the scan found nothing: the pattern is wrong"
    missing = sorted(key for key in named if key not in CATALOGUE)
    assert not missing, f"named in code but not in the catalogue: {missing}"


def test_keys_built_at_run_time_exist():
    built = [f"card.state.{state}" for state in STATES]
    outcomes = ("not_allowed", "no_card", "no_report", "lapsed", "already_cancelled", "beyond")
    built += [f"cancel.{outcome}" for outcome in outcomes]
    built += [f"operator.weekday.{day}" for day in range(7)]
    built += [f"listening.confirm_{purpose}" for purpose in SPOKEN_IN_MENU]  # flows/welcome.py ask_confirm
    assert [key for key in built if key not in CATALOGUE] == []
