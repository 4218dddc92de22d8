"""A pretend Twilio (or jambonz) for tests: posts what the engine posts, signed, and follows the
document it gets back.

`phone` calls the test app in Twilio's dialect; a test parametrized with `BOTH_ENGINES`
(tests/support/engines.py) runs with each engine's phone. jambonz's JSON verbs are checked
against jambonz's published schemas, then read as the TwiML they stand for (ivr/softphone/jambonz.py).
`make_phone(client, token)` calls anything with a Flask-like `post`."""

import pytest

from tests.support.known import TOKEN
from tests.support.phone import Phone


@pytest.fixture
def phone(request, client):
    """Calls into the test app, signed with the app's token; in jambonz's dialect when the test
    is parametrized so (`@BOTH_ENGINES`, indirect)."""
    return Phone(client, TOKEN, getattr(request, "param", "twilio"))


@pytest.fixture
def make_phone():
    """`make_phone(client, token=TOKEN)`: calls into another client (another app, real servers over HTTP)."""
    return lambda client, token=TOKEN: Phone(client, token)
