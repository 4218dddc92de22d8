"""No dependency at a version with a known advisory: offline from security/advisories.json, and
online through pip-audit where its service answers (skipped, saying why, where it does not)."""

import importlib.metadata
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
REQUIREMENTS = [ROOT / "requirements.txt", ROOT / "requirements-test.txt"]


def pins():
    """{package: version} of every `name==version` line in the requirements files."""
    found = {}
    for path in REQUIREMENTS:
        for line in path.read_text().splitlines():
            match = re.match(r"^\s*([A-Za-z0-9_.\-]+)(\[[^\]]*\])?==([^\s;#]+)", line)
            if match:
                found[canonicalize_name(match.group(1))] = match.group(3)
    return found


def installed(name):
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def affected(advisory, version):
    return any(Version(version) in SpecifierSet(spec) for spec in advisory["affected"])


def test_every_requirement_is_pinned_exactly():
    for path in REQUIREMENTS:
        for line in path.read_text().splitlines():
            line = line.split("#")[0].strip()
            if line and not line.startswith("-r"):
                assert "==" in line, f"{path.name}: {line!r} is not pinned with =="


def test_no_pinned_or_installed_version_has_a_known_advisory():
    snapshot = json.loads((ROOT / "security" / "advisories.json").read_text())
    pinned = pins()
    hits = []
    for advisory in snapshot["advisories"]:
        name = canonicalize_name(advisory["package"])
        for where, version in (("pinned", pinned.get(name)), ("installed", installed(name))):
            if version and affected(advisory, version):
                hits.append(f"{name} {version} ({where}): {advisory['id']} {', '.join(advisory['aliases'])}")
    assert not hits, "upgrade these:\n" + "\n".join(hits)


def test_the_snapshot_would_catch_an_old_version():
    snapshot = json.loads((ROOT / "security" / "advisories.json").read_text())
    werkzeug = [a for a in snapshot["advisories"] if a["package"] == "werkzeug"]
    assert any(affected(a, "3.0.2") for a in werkzeug) and not any(affected(a, "3.1.9") for a in werkzeug)


def test_pip_audit_online():
    if shutil.which("pip-audit") is None:
        pytest.skip("pip-audit is not installed (pip install pip-audit); the offline snapshot check still ran")
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
