"""Every requirement pinned exactly, and none at a version with a published advisory: pip-audit
asks the advisory database where its service answers (skipped, saying why, where it does not).

No advisory list is kept in the repository: a snapshot nobody can regenerate is a check that can
be wrong both ways. The README's Tests section gives the same pip-audit command to run by hand."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REQUIREMENTS = [ROOT / "requirements.txt", ROOT / "requirements-test.txt"]


def test_every_requirement_is_pinned_exactly():
    for path in REQUIREMENTS:
        for line in path.read_text().splitlines():
            line = line.split("#")[0].strip()
            if line and not line.startswith("-r"):
                assert "==" in line, f"{path.name}: {line!r} is not pinned with =="


def test_pip_audit_online():
    if shutil.which("pip-audit") is None:
        pytest.skip("pip-audit is not installed (pip install -r requirements-test.txt)")
    files = [arg for path in REQUIREMENTS for arg in ("-r", str(path))]
    try:
        ran = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip_audit",
                *files,
                "--no-deps",
                "--disable-pip",
                "--progress-spinner",
                "off",
                "-f",
                "json",
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
    except subprocess.TimeoutExpired:
        pytest.skip("pip-audit's vulnerability service did not answer within 120 s")
    try:
        report = json.loads(ran.stdout)
    except json.JSONDecodeError:
        last = (ran.stderr.strip().splitlines() or ["no output"])[-1]
        pytest.skip(f"pip-audit could not reach its vulnerability service: {last[:200]}")
    audited = [dep for dep in report["dependencies"] if "skip_reason" not in dep]
    if not audited:
        reason = report["dependencies"][0]["skip_reason"] if report["dependencies"] else "nothing to audit"
        pytest.skip(f"pip-audit's service knows none of our pinned versions here (e.g. {reason[:120]})")
    vulnerable = [
        f"{dep['name']} {dep['version']}: {[v['id'] for v in dep['vulns']]}" for dep in audited if dep.get("vulns")
    ]
    assert not vulnerable, "\n".join(vulnerable)
