"""What happens when a webhook commits is named where a step is read (ivr/voice/webhook.py's
docstring), not left to listeners a newcomer cannot see from the step. The counters move in
`calls.commit` after the commit, not in an after_commit listener; the listeners that remain are
these, each documented at the step runner. A new one (or a new patch of the dialect's commit)
fails here until it is named there and listed below."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WEBHOOK = ROOT / "ivr" / "voice" / "webhook.py"

# (module, SQLAlchemy event, listener): what each does is said in ivr/voice/webhook.py's docstring.
KNOWN_SESSION_LISTENERS = {
    ("ivr/voice/calls.py", "before_commit", "refuse_unwritten"),  # writes nothing: fails a forgotten write
    ("ivr/voice/calls.py", "after_rollback", "_drop_events"),  # forgets what a rollback undid
    ("ivr/store/stale_hours.py", "before_flush", "_mark_changed_hours"),  # marks an ended hour to re-sum
}
KNOWN_COMMIT_PATCHES = {"ivr/store/durability.py", "ivr/store/sqlite_writer.py"}


def python_files():
    for package in ("ivr", "scheduler"):
        yield from sorted((ROOT / package).rglob("*.py"))


def session_listeners(path, tree):
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef):
            continue
        for decorator in node.decorator_list:
            if (
                isinstance(decorator, ast.Call)
                and getattr(decorator.func, "attr", None) == "listens_for"
                and getattr(decorator.args[0], "id", None) == "Session"
            ):
                yield (path, decorator.args[1].value, node.name)


def patches_commit(tree):
    return any(
        isinstance(node, ast.Assign)
        and any(isinstance(target, ast.Attribute) and target.attr == "do_commit" for target in ast.walk(node))
        for node in ast.walk(tree)
    )


def test_session_wide_listeners_are_the_known_ones():
    found = set()
    for file in python_files():
        found |= set(session_listeners(file.relative_to(ROOT).as_posix(), ast.parse(file.read_text())))
    assert found == KNOWN_SESSION_LISTENERS


def test_only_the_store_changes_how_a_commit_is_made():
    patched = {
        file.relative_to(ROOT).as_posix() for file in python_files() if patches_commit(ast.parse(file.read_text()))
    }
    assert patched == KNOWN_COMMIT_PATCHES


def test_the_step_runner_names_every_one_of_them():
    said = WEBHOOK.read_text().split('"""')[1]
    for module in {path for path, _event, _name in KNOWN_SESSION_LISTENERS} | KNOWN_COMMIT_PATCHES:
        assert module in said or module == WEBHOOK.relative_to(ROOT).as_posix(), module
