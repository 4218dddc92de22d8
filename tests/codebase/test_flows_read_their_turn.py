"""A step of a call reads what it needs from its Turn (ivr/voice/turns.py): the step runners in
ivr/voice/ are the only code that reads the request, the app's config or the request's session.
A flow module that reaches for one of them again fails here."""

import ast
from pathlib import Path

import pytest

FLOWS = Path(__file__).resolve().parents[2] / "ivr" / "flows"
# Twilio's SMS webhooks are not steps of a call: no Turn, no call, their own small views.
NOT_CALL_STEPS = {"sms.py", "sms_reports.py"}
FORBIDDEN_NAMES = {"current_app", "request", "digits"}  # Flask's globals; the old keys reader
FORBIDDEN_ATTRIBUTES = {("db", "session"), ("inbound", "field"), ("inbound", "fields"), ("inbound", "engine")}


def reaches(tree):
    """Where a module names a request global or reads the request's session, as (line, what)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name in FORBIDDEN_NAMES]
            if node.module == "ivr.voice" and any(alias.name == "inbound" for alias in node.names):
                found.append((node.lineno, "ivr.voice.inbound"))
        elif isinstance(node, ast.Name) and node.id in FORBIDDEN_NAMES:
            found.append((node.lineno, node.id))
        elif isinstance(node, ast.Attribute) and (getattr(node.value, "id", None), node.attr) in FORBIDDEN_ATTRIBUTES:
            found.append((node.lineno, f"{node.value.id}.{node.attr}"))
    return found


@pytest.mark.parametrize("path", sorted(p for p in FLOWS.glob("*.py") if p.name not in NOT_CALL_STEPS), ids=str)
def test_a_flow_reads_its_turn_not_the_request(path):
    assert reaches(ast.parse(path.read_text(), str(path))) == []


def test_the_check_sees_a_step_that_reads_the_request():
    old = "from flask import current_app, request\nfrom ivr.store import db\ndef s():\n    db.session.add(request.form)"
    assert {what for _, what in reaches(ast.parse(old))} == {"current_app", "request", "db.session"}
