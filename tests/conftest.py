"""Test set-up: the command-line options, and the fixture plugins every test module may ask for.

Fixtures (an app, a database, a server, a browser) are defined in tests/plugins/ and registered here;
plain helpers (post a signed webhook, place a report call, read the outbox) are imported from tests/support.
What is pure data (the known cardholders, the token, the day) is in tests/support/known.py.
"""

import pytest

from tests.support.fuzzing import load_profile

pytest_plugins = [
    "tests.plugins.app",
    "tests.plugins.phone",
    "tests.plugins.console",
    "tests.plugins.cards",
    "tests.plugins.servers",
    "tests.plugins.pgcluster",
    "tests.plugins.postgres",
    "tests.plugins.browser",
]


def pytest_addoption(parser):
    parser.addoption(
        "--fault-profile",
        choices=("short", "long"),
        default="short",
        help="fault injection (tests/*/test_fault_*.py): short for CI, long for a thorough run",
    )
    parser.addoption(
        "--fuzz-long",
        action="store_true",
        help="run the hypothesis fuzz suites long (thousands of examples) instead of the bounded profile",
    )
    parser.addoption(
        "--soak",
        action="store_true",
        help="run the soak (tests/codebase/test_soak.py) for SOAK_MINUTES, 20 s unless set; .ci/run sets 1",
    )


def pytest_configure(config):
    load_profile(long=config.getoption("--fuzz-long"))


# pytest.ini's `timeout` turns a hang into a failure with a traceback; the runs asked to be long get more.
LONG_RUN_SECONDS = 3600


def pytest_collection_modifyitems(config, items):
    long_faults = config.getoption("--fault-profile") == "long"
    long_fuzz = config.getoption("--fuzz-long")
    for item in items:
        if (long_faults and "fault_profile" in item.fixturenames) or (long_fuzz and "fuzz" in item.nodeid):
            item.add_marker(pytest.mark.timeout(LONG_RUN_SECONDS))
