"""Real server processes for tests: `python app.py` on a free port, `flask scheduler`, an HTTP client."""

import pytest

from tests.support.servers import Server, scheduler, stop


@pytest.fixture
def start_server():
    """`start_server(env, workers=1)`: `python app.py` running; whatever the test left running is stopped."""
    started = []

    def start(env, *, workers=1):
        started.append(Server(env, workers=workers))
        return started[-1]

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def start_scheduler():
    """`start_scheduler(env)`: a `flask scheduler` process; stopped after the test if it still runs."""
    started = []

    def start(env):
        started.append(scheduler(env))
        return started[-1]

    yield start
    for process in started:
        stop(process)


@pytest.fixture
def stop_process():
    """`stop_process(process)`: SIGTERM its group, then SIGKILL what is still there after 30 s."""
    return stop
