"""Modules stay small enough to read in one sitting: product code and test files alike within
MAX_LINES lines (issue 26), with no exceptions."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 300
NOT_OURS = {"node_modules", ".git", "__pycache__", ".venv", "venv"}


def python_files():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if not NOT_OURS & set(relative.parts):
            yield relative.as_posix()


def too_long(paths):
    """The files among `paths` longer than MAX_LINES, with their length."""
    found = {}
    for relative in paths:
        with open(ROOT / relative, encoding="utf-8") as source:
            lines = sum(1 for _ in source)
        if lines > MAX_LINES:
            found[relative] = lines
    return found


@pytest.mark.parametrize("kind", ["product", "tests"])
def test_modules_stay_within_the_limit(kind):
    paths = [p for p in python_files() if p.startswith("tests/") == (kind == "tests")]
    assert paths, "no files found: the walk is looking in the wrong place"
    assert too_long(paths) == {}


def test_the_check_sees_a_long_file(tmp_path):
    long = tmp_path / "long.py"
    long.write_text("x = 1\n" * (MAX_LINES + 1))
    (tmp_path / "short.py").write_text("x = 1\n" * MAX_LINES)
    assert too_long([str(long), str(tmp_path / "short.py")]) == {str(long): MAX_LINES + 1}
