"""The telephony engines an end-to-end call test runs on: `@BOTH_ENGINES` gives the test's `phone`
fixture each engine's dialect in turn, so a flow that works on one engine only fails."""

import pytest

ENGINES = ("twilio", "jambonz")
BOTH_ENGINES = pytest.mark.parametrize("phone", ENGINES, indirect=True)
