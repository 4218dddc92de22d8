"""Every SMS to a cardholder goes through ivr.messaging.notify: no module outside ivr/messaging
queues an outbox row itself (issue 26: one place composes the words; issue 30: one registry of kinds)."""

import ast
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
QUEUEING = {"queue", "queue_new"}


def direct_queueing(tree):
    """Line numbers where `tree` queues an outbox row without notify."""
    aliases, found = {"outbox"}, []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("messaging.outbox"):
            found += [node.lineno for alias in node.names if alias.name in QUEUEING]
        elif isinstance(node, ast.Import):
            aliases |= {a.asname or a.name for a in node.names if a.name.endswith("messaging.outbox")}
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in QUEUEING:
            target = ast.unparse(node.func.value)
            if target in aliases or target.endswith(".outbox"):
                found.append(node.lineno)
    return found


def test_no_module_outside_messaging_queues_an_sms_itself():
    offenders = []
    for path in sorted([*ROOT.joinpath("ivr").rglob("*.py"), *ROOT.joinpath("scheduler").rglob("*.py")]):
        if ROOT.joinpath("ivr", "messaging") in path.parents:
            continue
        lines = direct_queueing(ast.parse(path.read_text(encoding="utf-8")))
        offenders += [f"{path.relative_to(ROOT)}:{line}" for line in lines]
    assert offenders == [], "queue SMS through ivr.messaging.notify, not outbox.queue: " + ", ".join(offenders)


def test_the_check_sees_each_way_of_calling_the_outbox():
    sources = [
        "from ivr.messaging import outbox\noutbox.queue(s, kind='x')",
        "from ivr.messaging.outbox import queue_new",
        "import ivr.messaging.outbox as box\nbox.queue_new(s, [])",
        "import ivr.messaging.outbox\nivr.messaging.outbox.queue(s)",
    ]
    assert all(direct_queueing(ast.parse(source)) for source in sources)
    assert direct_queueing(ast.parse("from ivr.messaging import outbox\noutbox.cancel_pending(s, subject='x')")) == []
