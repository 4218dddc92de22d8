"""Every end-to-end call here rings on both engines: a test that asks for `phone` runs once in
Twilio's dialect and once in jambonz's (tests/support/engines.py), so a flow that works on one
engine only fails. A test that is about one engine's own wire format says so with `@ONE_ENGINE`."""

import pytest

from ivr.store import Operator
from tests.support.engines import ENGINES
from tests.support.known import QUEUE
from tests.support.queue import operator_line


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
    operator = Operator(name="hua", role="operator", password_hash="x")
    session.add(operator)
    session.flush()
    session.add(operator_line("+8613900001111", operator.id))
    other = Operator(name="jun", role="operator", password_hash="x")
    session.add(other)
    session.flush()
    session.add(operator_line("+8613900002222", other.id))
    session.commit()
    return operator.id
