"""A step of a call reads as the caller's story: what they keyed, what we decided, what they hear
next (issue 26). Decisions live in the domain packages or in small named helpers beside the step,
so every function in ivr/flows/ that takes a Turn keeps its body (docstring aside) within
MAX_STEP_LINES lines. A longer step fails here; there are no exceptions."""

import ast
from pathlib import Path

import pytest

from tests.support.source_lines import body_lines

FLOWS = Path(__file__).resolve().parents[2] / "ivr" / "flows"
MAX_STEP_LINES = 15


def long_steps(tree, module):
    """Functions taking a `turn` whose body is longer than MAX_STEP_LINES, as (module, name, lines)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            takes_a_turn = any(arg.arg == "turn" for arg in node.args.posonlyargs + node.args.args)
            if takes_a_turn and body_lines(node) > MAX_STEP_LINES:
                found.append((module, node.name, body_lines(node)))
    return found


@pytest.mark.parametrize("path", sorted(FLOWS.glob("*.py")), ids=lambda path: path.name)
def test_flow_steps_are_short(path):
    long = long_steps(ast.parse(path.read_text(encoding="utf-8"), str(path)), path.name)
    assert long == []


def test_the_check_counts_the_body_not_the_docstring():
    lines = "\n".join(f"    turn.reply.say('x{n}')" for n in range(MAX_STEP_LINES + 1))
    long_step = f'def step(turn):\n    """Says a lot."""\n{lines}\n'
    short_step = f'def step(turn):\n    """Says a lot,\n    over two lines."""\n{lines.split(chr(10), 1)[1]}\n'
    not_a_step = f"def ask(reply):\n{lines}\n"
    assert long_steps(ast.parse(long_step), "m.py") == [("m.py", "step", MAX_STEP_LINES + 1)]
    assert long_steps(ast.parse(short_step), "m.py") == []
    assert long_steps(ast.parse(not_a_step), "m.py") == []
