"""No raw code reaches a person: every code the hotline can produce has a label, every label and
template string has a Mandarin translation, and the compiled catalogue is the one the .po gives."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from ivr.cards import states as cards
from ivr.console import calllog, catalogue, figures, wording
from ivr.console.labels import LABELS
from ivr.messaging import notify
from ivr.store.messages import MESSAGE_STATES

ROOT = Path(__file__).resolve().parents[2]
SOURCE = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "ivr").rglob("*.py"))


NAME = r"\w+(?:\.\w+)*"  # session, turn.session, call, turn.call ...


def produced(pattern):
    return set(re.findall(pattern, SOURCE))


# What the code base can produce, read from the code itself (so a new code fails this test).
PRODUCED = {
    "outcome": produced(rf'finish\(\s*{NAME},\s*{NAME},\s*"([a-z_]+)"')
    | {"operator_closed", "hotline_goodbye"}
    | set(calllog.OUTCOMES),
    "step": produced(r'enter\(\s*\w+(?:\.\w+)*,\s*\w+(?:\.\w+)*,\s*"([a-z0-9_]+)"') | produced(r'step="([a-z0-9_]+)"'),
    "event": produced(r'record\(\s*\w+(?:\.\w+)*,\s*\w+(?:\.\w+)*,\s*"([a-z_]+)"')
    - set(LABELS["audit_action"])
    - {"card_move"}
    | {"step_entered", "input_accepted", "input_rejected", "outcome", "call_started"},
    "sms_kind": produced(r'notify\(\s*session,\s*"([a-z_]+)"')  # ivr.messaging.notify, the one front door
    | produced(r'compose\(\s*"([a-z_]+)"')
    | produced(r'kind, subject = "([a-z_]+)"')
    | set(notify.KINDS),  # a kind chosen at run time (the answer to a cardholder's text) is listed there
    "audit_action": produced(r'audit\(\s*\w+(?:\.\w+)*,\s*[^,]+,\s*"([a-z_]+)"')
    | produced(r'record\(\s*\w+(?:\.\w+)*,\s*g\.operator\.name,\s*"([a-z_]+)"')
    | produced(r'account_change\(\s*"([a-z_]+)"')
    | produced(r'\bchange\(\s*"([a-z_]+)"')
    | produced(r'ALERT = "([a-z_]+)"')
    | {"card_move"},
    "card_state": set(cards.STATES),
    "sms_state": set(MESSAGE_STATES),
    "purpose": set(calllog.PURPOSES),
    "actor": set(cards.ACTORS),
}


@pytest.mark.parametrize("domain", sorted(PRODUCED))
def test_every_code_the_hotline_produces_has_a_label(domain):
    assert PRODUCED[domain], f"found no {domain} codes in the source: the pattern is stale"
    missing = PRODUCED[domain] - set(LABELS[domain])
    assert not missing, f"{domain} codes without a label: {sorted(missing)}"


def test_every_input_a_call_accepts_has_words_on_the_call_page():
    """What calls.accept_input records (the timeline's "caller keyed"): every plain code has words;
    language= and menu= are worded from their own labels."""
    accepted = produced(r'accept_input\(\s*\w+(?:\.\w+)*,\s*\w+(?:\.\w+)*,\s*"([a-z_=]+)"')
    assert {"id_number", "callback=yes", "repeat_reference"} <= accepted, "the pattern is stale"
    missing = accepted - set(wording.INPUTS)
    assert not missing, f"inputs shown as codes: {sorted(missing)}"


def test_the_patterns_find_what_they_should():
    """A guard for the test above: known codes are found where they are made, however the code is wrapped."""
    assert {"report_filed", "gave_up", "abandoned"} <= PRODUCED["outcome"]
    assert {"mobile4", "preloss_done", "operator_closed"} <= PRODUCED["step"]
    assert {"locked_out", "left_quietly", "sms_queued", "queue_leaving"} <= PRODUCED["event"]
    assert {"preloss_confirmation", "card_ready", "card_cancelled"} <= PRODUCED["sms_kind"]
    assert {"sign_in", "sms_retry", "card_move", "reset_operator_password", "change_role", "sign_in_alert"} <= PRODUCED[
        "audit_action"
    ]


def zh_catalogue():
    with open(catalogue.po_path("zh"), "rb") as source:
        return read_po(source, locale="zh")


def test_every_console_string_has_a_mandarin_translation():
    """Strings in templates and code (gettext, lazy_gettext) and every label: none untranslated."""
    translated = {m.id: m.string for m in zh_catalogue() if m.id}
    console = ROOT / "ivr" / "console"
    method_map = [("**.py", "python"), ("templates/**.html", "jinja2")]
    found = {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(console),
            method_map,
            keywords={"_": None, "gettext": None, "_l": None, "lazy_gettext": None, "ngettext": (1, 2)},
        )
    }
    found = {m if isinstance(m, str) else m[0] for m in found}
    found |= {
        str(text._args[0]) if hasattr(text, "_args") else text for table in LABELS.values() for text in table.values()
    }
    missing = sorted(m for m in found if not translated.get(m))
    assert not missing, (
        f"untranslated: {missing}  (run pybabel extract/update, translate, python -m ivr.console.catalogue)"
    )


def test_translations_keep_their_placeholders():
    for message in zh_catalogue():
        if message.id and message.string:
            assert set(re.findall(r"%\(\w+\)s", message.id)) == set(re.findall(r"%\(\w+\)s", message.string)), (
                message.id
            )
            assert "%" not in re.sub(r"%\(\w+\)s", "", message.string), message.id


def test_the_compiled_catalogue_is_up_to_date():
    with open(catalogue.po_path("zh")[:-3] + ".mo", "rb") as committed:
        shipped = {m.id: m.string for m in read_mo(committed) if m.id}
    import io

    fresh = {m.id: m.string for m in read_mo(io.BytesIO(catalogue.compiled("zh"))) if m.id}
    assert shipped == fresh, "run: python -m ivr.console.catalogue"


def test_funnel_stages_are_labelled():
    assert all(str(text) for _key, text in figures.FUNNEL)


def test_the_template_for_translators_holds_what_the_code_says(tmp_path):
    """messages.pot is what a translator starts from: re-extracted, it must hold the same strings
    (the command is docs/console.md's)."""
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "_l"]
        + ["--no-location", "--sort-output", "-o", str(fresh), "."],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    committed = ROOT / "ivr" / "console" / "translations" / "messages.pot"
    with open(fresh, "rb") as new, open(committed, "rb") as old:
        assert {m.id for m in read_po(old)} == {m.id for m in read_po(new)}, "run docs/console.md's pybabel extract"
