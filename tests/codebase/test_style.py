"""The code is clean under ruff's lint rules and its formatter (ruff.toml), and its imports keep the
layer and no-circle contracts in .importlinter: `pytest` checks all three."""

import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.mark.parametrize("command", [["check", "."], ["format", "--check", "."]], ids=["lint", "format"])
def test_ruff_finds_nothing(command):
    ran = subprocess.run(
        [sys.executable, "-m", "ruff", *command], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    if "No module named ruff" in ran.stderr:
        pytest.skip("ruff is not installed (pip install -r requirements-test.txt)")
    assert ran.returncode == 0, ran.stdout[-3000:] + ran.stderr[-1000:]


def test_import_contracts_hold():
    """Arrows point down and no package has an import circle (.importlinter, the README's module map)."""
    lint_imports = os.path.join(os.path.dirname(sys.executable), "lint-imports")
    if not os.path.exists(lint_imports):
        pytest.skip("import-linter is not installed (pip install -r requirements-test.txt)")
    ran = subprocess.run(
        [lint_imports, "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": ROOT},
    )
    assert ran.returncode == 0, ran.stdout[-4000:] + ran.stderr[-1000:]
