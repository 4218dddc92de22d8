"""The soak's short version: two web processes, the scheduler and simulated callers on PostgreSQL.

It runs with `pytest --soak` (20 seconds) or when SOAK_MINUTES is set (.ci/run sets 1 minute); a
developer's plain `pytest` skips it, saying so. The 30-minute run is `python bench/soak.py --url
postgresql://...` (README, Benchmarks).
"""

import json
import os
import shutil
import sys

import pytest

from tests.support import processes

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture
def soak_minutes(request):
    minutes = os.environ.get("SOAK_MINUTES")
    if not minutes and not request.config.getoption("--soak"):
        pytest.skip("the soak runs with `pytest --soak` or SOAK_MINUTES=N (.ci/run sets SOAK_MINUTES=1)")
    return minutes or "0.34"


# The run's own deadline, and pytest-timeout's (pytest.ini) a little later, so the run's message is the one seen.
RUN_SECONDS = 300 + int(float(os.environ.get("SOAK_MINUTES") or 1) * 60)


@pytest.mark.skipif(
    shutil.which("gunicorn") is None, reason="gunicorn is not installed (pip install -r requirements.txt)"
)
@pytest.mark.timeout(RUN_SECONDS + 60)
def test_a_short_soak_has_no_error_and_accounts_for_every_sms(soak_minutes, pg_server, pg_schemas):
    done = processes.run(
        [
            sys.executable,
            "bench/soak.py",
            "--url",
            pg_server,
            "--minutes",
            soak_minutes,
            "--callers",
            "3",
            "--json",
            "--schema",
            pg_schemas.name("w11b_soak_ci"),
        ],
        cwd=ROOT,
        timeout=RUN_SECONDS,
    )
    assert done.stdout.strip(), done.stderr[-3000:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["errors"] == 0, summary["first_errors"]
    assert done.returncode == 0
    # Every kind of call was made, and the SMS they caused went out once each.
    assert set(summary["calls"]) == {"report", "progress", "cancel", "outlets", "guess"}
    assert summary["sms"].get("preloss_cancelled:sent", 0) > 0 and summary["sms"].get("outlet_info:sent", 0) > 0
    assert summary["sms_file_lines"] == sum(n for k, n in summary["sms"].items() if k.endswith(":sent"))
