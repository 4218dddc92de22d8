"""The code is clean under ruff's lint rules and its formatter (ruff.toml), so `pytest` checks both."""

import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.mark.parametrize("command", [["check", "."], ["format", "--check", "."]], ids=["lint", "format"])
def test_ruff_finds_nothing(command):
    ran = subprocess.run(
        [sys.executable, "-m", "ruff", *command], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    if "No module named ruff" in ran.stderr:
        pytest.skip("ruff is not installed (pip install -r requirements-test.txt)")
    assert ran.returncode == 0, ran.stdout[-3000:] + ran.stderr[-1000:]
