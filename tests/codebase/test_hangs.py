"""A test that hangs fails with a traceback (pytest-timeout, pytest.ini) instead of stopping the suite."""

import configparser
import sys
import textwrap
from pathlib import Path

from tests.support import processes

ROOT = Path(__file__).resolve().parents[2]


def test_the_suite_has_a_deadline_for_every_test():
    ini = configparser.ConfigParser()
    ini.read(ROOT / "pytest.ini")
    assert 60 <= int(ini["pytest"]["timeout"]) <= 900
    assert any(
        line.startswith("pytest-timeout==") for line in (ROOT / "requirements-test.txt").read_text().splitlines()
    )


def test_a_hanging_test_fails_with_its_traceback(tmp_path):
    (tmp_path / "test_hang.py").write_text(
        textwrap.dedent(
            """
            import time

            def test_waits_forever():
                time.sleep(600)
            """
        )
    )
    # The project's pytest.ini as it is, with a deadline short enough to watch.
    command = [sys.executable, "-m", "pytest", "-c", str(ROOT / "pytest.ini"), "--rootdir", str(tmp_path)]
    command += ["-n", "0", "-o", "timeout=2", str(tmp_path / "test_hang.py")]
    done = processes.run(command, cwd=tmp_path, timeout=120)
    said = done.stdout + done.stderr
    assert done.returncode == 1, said
    assert "Timeout" in said and "time.sleep(600)" in said, said
