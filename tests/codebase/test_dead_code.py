"""No unused names in the product's code (vulture); framework hooks and columns are listed in
vulture_whitelist.py, each with where it is used. A finding here is dead code: delete it."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Decorated functions are called by their framework (views, CLI commands, hooks, validators).
DECORATORS = ",".join(
    [
        "@*.get",
        "@*.post",
        "@*.put",
        "@*.delete",
        "@*.route",
        "@*.command",
        "@*.group",
        "@click.command",
        "@click.group",
        "@*.errorhandler",
        "@*.app_errorhandler",
        "@*.app_template_filter",
        "@*.app_template_global",
        "@*.template_filter",
        "@*.before_request",
        "@*.before_app_request",
        "@*.after_request",
        "@*.after_app_request",
        "@*.teardown_request",
        "@*.context_processor",
        "@*.app_context_processor",
        "@*.listens_for",
        "@*.field_validator",
        "@*.model_validator",
        "@*.user_loader",
        "@*.unauthorized_handler",
        "@*.needs_refresh_handler",
    ]
)


def test_vulture_finds_no_unused_code():
    # Checked the way it is run: as this interpreter's module, not whatever `vulture` is on PATH.
    if importlib.util.find_spec("vulture") is None:
        pytest.skip("vulture is not installed (pip install -r requirements-test.txt)")
    ran = subprocess.run(
        [
            sys.executable,
            "-m",
            "vulture",
            "ivr",
            "scheduler",
            "app.py",
            "gunicorn.conf.py",
            "tests",
            "vulture_whitelist.py",
            "--min-confidence",
            "60",
            "--ignore-decorators",
            DECORATORS,
            # settings are read by name from app.config; migrations are run by Alembic
            "--exclude",
            "*/migrations/versions/*,*/platform/*settings*.py",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    # Tests are scanned so that what only tests use counts as used; their own fixtures' arguments are not findings.
    findings = [line for line in ran.stdout.splitlines() if line and "/test_" not in line.split(":", 1)[0]]
    assert not findings, "\n".join(findings)
