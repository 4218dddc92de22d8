"""Every card move goes through ivr.cards.moves.move: one place validates, moves, audits and
notifies, whichever channel (phone, console, API, CLI, scheduler) asked."""

import ast
from pathlib import Path

import pytest

from ivr.cards import moves

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "ivr").rglob("*.py")) + sorted((ROOT / "scheduler").rglob("*.py"))


def callers_of(name):
    """The modules (paths from the root) that call a function or method called `name`."""
    found = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
                if called == name:
                    found.add(path.relative_to(ROOT).as_posix())
    return found


def test_only_the_front_door_changes_a_cards_state():
    assert callers_of("change_card_state") == {"ivr/cards/moves.py"}


def test_only_the_front_door_writes_a_card_moves_audit_entry():
    assert callers_of("card_move") == {"ivr/cards/moves.py"}


def test_every_channel_moves_cards_through_the_front_door():
    # the console, the API, the CLI, the phone's report and cancel, and the scheduler's lapse
    expected = {
        "ivr/console/card_moves.py",
        "ivr/api/moves.py",
        "ivr/cli/cards.py",
        "ivr/cards/reports.py",
        "ivr/cards/cancellation.py",
        "ivr/cards/lapse.py",
    }
    assert expected <= {path for path in callers_of("move") if path != "ivr/cards/lifecycle.py"}


@pytest.mark.parametrize(
    ("mover", "source", "audited"),
    [
        (moves.Mover("operator", "hua", "console"), "hua", True),
        (moves.Mover("outlet", "dongcheng", "api"), "api:dongcheng", True),
        (moves.Mover("operator", "hua", "cli"), "cli:hua", True),
        (moves.Mover("phone", "CA123", "phone"), "CA123", False),
        (moves.Mover("scheduler", "lapse", "scheduler"), "lapse", False),
    ],
)
def test_the_history_names_the_source_and_people_are_audited(mover, source, audited):
    assert mover.source == source
    assert (mover.channel in moves.AUDITED) is audited
