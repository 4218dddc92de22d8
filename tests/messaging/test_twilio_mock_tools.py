"""The Twilio mock's module finishes, skipping and saying how to install Prism, whatever tools the machine lacks.

Each case runs tests/messaging/test_twilio_mock.py in a pytest of its own with the tools hidden (an
empty PATH: no Node; Node on PATH but no Prism: `npm ci` never ran) under a deadline. The module
once fetched Prism with `npx` at test time and hung the whole suite on the orphaned `node`.
"""

import os
import shutil
import subprocess
import sys
import time

import pytest

from tests.support import processes

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEADLINE = 90  # seconds: a pytest start-up and one skipped fixture need a few


def run_mock_module(tmp_path, path, prism):
    """(exit code, output, seconds) of the mock module's Prism tests under PATH=`path`, PRISM=`prism`."""
    env = {**os.environ, "PATH": str(path), "PRISM": str(prism)}
    output = tmp_path / "pytest.out"
    command = [sys.executable, "-m", "pytest", "-n", "0", "-p", "no:cacheprovider", "-rs", "-q"]
    command += ["tests/messaging/test_twilio_mock.py", "-k", "valid_twilio_request or through_the_real_client"]
    started = time.monotonic()
    with output.open("w") as out:
        process = processes.start(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        code = process.wait(timeout=DEADLINE)
    except subprocess.TimeoutExpired:
        processes.kill(process)
        pytest.fail(f"the mock's module did not finish within {DEADLINE} s:\n" + output.read_text()[-3000:])
    return code, output.read_text(), time.monotonic() - started


def test_without_node_the_mock_tests_skip_saying_what_to_install(tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    code, said, _ = run_mock_module(tmp_path, empty, tmp_path / "no-prism")
    assert code == 0, said
    assert said.count("SKIPPED [1]") == 2 and "Node.js is not installed" in said and "npm ci" in said, said


def test_with_node_but_without_npm_ci_the_mock_tests_skip_and_fetch_nothing(tmp_path):
    node, npx = shutil.which("node"), shutil.which("npx")
    if not node:
        pytest.skip("Node.js is not installed on this machine: the case with Node present cannot be run")
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "node").symlink_to(node)
    if npx:  # present, as on a machine with Node: the fixture must not use it to fetch Prism
        (tools / "npx").symlink_to(npx)
    code, said, took = run_mock_module(tmp_path, tools, tmp_path / "node_modules" / ".bin" / "prism")
    assert code == 0, said
    assert said.count("SKIPPED [1]") == 2 and "run `npm ci`" in said, said
    assert took < 60, took
