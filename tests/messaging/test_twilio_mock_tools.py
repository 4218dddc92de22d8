"""The Twilio mock's module finishes, skipping and saying how to install Prism, whatever tools the machine lacks.

Each case runs tests/messaging/test_twilio_mock.py in a pytest of its own with the tools hidden (an
empty PATH: no Node; Node on PATH but no Prism: `npm ci` never ran) or with everything installed,
under a deadline. The module once fetched Prism with `npx` at test time and hung the whole suite on
the orphaned `node`.
"""

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from tests.support import processes

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEADLINE = 90  # seconds: a pytest start-up and one skipped fixture need a few


def run_mock_module(tmp_path, path, prism, left=None):
    """(exit code, output, seconds) of the mock module's Prism tests under PATH=`path`, PRISM=`prism`.

    `left`: a list to which the processes still in the run's process group once it exited are added.
    """
    env = {**os.environ, "PATH": str(path), "PRISM": str(prism)}
    output = tmp_path / "pytest.out"
    command = [sys.executable, "-m", "pytest", "-n", "0", "-p", "no:cacheprovider", "-rsp", "-q"]
    command += ["tests/messaging/test_twilio_mock.py", "-k", "valid_twilio_request or through_the_real_client"]
    started = time.monotonic()
    with output.open("w") as out:
        process = processes.start(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        code = process.wait(timeout=DEADLINE)
        if left is not None:
            left.extend(in_group(process.pid))
    except subprocess.TimeoutExpired:
        processes.kill(process)
        pytest.fail(f"the mock's module did not finish within {DEADLINE} s:\n" + output.read_text()[-3000:])
    finally:
        processes.signal_group(process, signal.SIGKILL)  # nothing of this run outlives the test
    return code, output.read_text(), time.monotonic() - started


def in_group(group):
    """The command lines of the processes whose process group is `group` (read from /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            if entry.isdigit() and int(fields[2]) == group and fields[0] != "Z":  # a zombie runs nothing
                with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                    found.append(cmdline.read().replace(b"\0", b" ").decode(errors="replace"))
        except (OSError, IndexError, ValueError):
            continue  # not a process, or it ended while being read
    return found


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


def test_with_everything_installed_the_mock_tests_run_and_leave_no_process_behind(tmp_path):
    """Node and `npm ci`'s Prism present: the tests run (not skip), pass, and Prism goes with its whole group."""
    node, prism = shutil.which("node"), os.path.join(ROOT, "node_modules", ".bin", "prism")
    if not node or not os.path.exists(prism):
        pytest.skip("Node.js and `npm ci`'s Prism are not both installed here: the case with everything cannot be run")
    left = []
    code, said, _ = run_mock_module(tmp_path, os.environ["PATH"], prism, left)
    assert code == 0, said
    assert said.count("PASSED") == 2 and "SKIPPED" not in said, said
    assert left == [], f"still running after the module finished: {left}"
