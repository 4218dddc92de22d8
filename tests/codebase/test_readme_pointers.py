"""Every `see README, Section` pointer in the code, the requirements and the settings names a section the README has."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
POINTER = re.compile(r'README, (?:"([^"]+)"|([A-Z][\w-]*(?: [a-z][\w-]*)*))')


def readme_sections():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return {line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")}


def pointers():
    files = [*ROOT.glob("requirements*.txt"), *ROOT.glob("*.ini"), *ROOT.glob("*.py")]
    files += [*(ROOT / "ivr").rglob("*.py"), *(ROOT / "scheduler").rglob("*.py"), *(ROOT / "tests").rglob("*.py")]
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for quoted, plain in POINTER.findall(line):
                yield f"{path.relative_to(ROOT)}:{number}", quoted or plain


def test_every_pointer_to_the_readme_names_one_of_its_sections():
    sections = readme_sections()
    found = list(pointers())
    assert found  # the pattern still matches the way pointers are written
    missing = [(where, name) for where, name in found if name not in sections and "test_readme_pointers" not in where]
    assert missing == [], f"README sections: {sorted(sections)}"


def test_the_readme_s_first_screen_has_the_two_commands():
    """A newcomer sees how to run the hotline and its tests before scrolling: 40 lines, no provider account."""
    first_screen = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:40])
    assert "pip install -r requirements.txt && python app.py" in first_screen
    assert "pip install -r requirements-test.txt && pytest" in first_screen
    assert "SMS printed to the console" in first_screen  # the embedded default: no SMS provider needed
