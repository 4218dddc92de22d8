"""In production the browser softphone is for signed-in supervisors only."""

import pytest

from ivr import create_app
from ivr.store import db
from tests.support.console import make_operator, sign_in


@pytest.fixture
def production(app_config, clock):
    app = create_app({**app_config, "IVR_ENV": "production", "CONSOLE_SECURE_COOKIES": False})
    make_operator(app, "zhou", "supervisor")
    make_operator(app, "ming", "operator")
    yield app
    db.engine.dispose()


def test_a_signed_in_supervisor_gets_the_softphone(production):
    client = production.test_client()
    sign_in(client, "zhou")
    assert client.get("/softphone").status_code == 200


@pytest.mark.parametrize("who", [None, "ming"])
def test_anyone_else_does_not(production, who):
    client = production.test_client()
    if who:
        sign_in(client, who)
    assert client.get("/softphone").status_code == 404
    assert client.post("/softphone/api/calls", json={}).status_code == 404
