"""Every end-to-end call here rings on both engines: a test that asks for `phone` runs once in
Twilio's dialect and once in jambonz's (tests/support/engines.py), so a flow that works on one
engine only fails. A test that is about one engine's own wire format says so with `@ONE_ENGINE`."""

import pytest

from tests.support.engines import ENGINES
from tests.support.known import QUEUE
from tests.support.queue import desk_operator


def pytest_generate_tests(metafunc):
    if "phone" not in metafunc.fixturenames or metafunc.definition.get_closest_marker("one_engine"):
        return
    if any(mark.args and "phone" in str(mark.args[0]) for mark in metafunc.definition.iter_markers("parametrize")):
        return  # already parametrized over the engines (`@BOTH_ENGINES`)
    metafunc.parametrize("phone", ENGINES, indirect=True)


@pytest.fixture
def team(app, session):
    """The queue set up for a team, with one operator whose desk phone is registered."""
    app.config["OPERATOR_QUEUE"] = QUEUE
    operator_id = desk_operator(session, "hua")
    desk_operator(session, "jun", "+8613900002222")
    session.commit()
    return operator_id
