"""Every end-to-end call here rings on both engines: a test that asks for `phone` runs once in
Twilio's dialect and once in jambonz's (tests/support/engines.py), so a flow that works on one
engine only fails. A test that is about one engine's own wire format says so with `@ONE_ENGINE`."""

from tests.support.engines import ENGINES


def pytest_generate_tests(metafunc):
    if "phone" not in metafunc.fixturenames or metafunc.definition.get_closest_marker("one_engine"):
        return
    if any(mark.args and "phone" in str(mark.args[0]) for mark in metafunc.definition.iter_markers("parametrize")):
        return  # already parametrized over the engines (`@BOTH_ENGINES`)
    metafunc.parametrize("phone", ENGINES, indirect=True)
