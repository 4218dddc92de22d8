"""The card-lifecycle tests' helpers: outlets, API tokens and requests, a card put in a given state."""

import pytest

from ivr.directory.demo import DEMO_OUTLETS
from ivr.store import Outlet, db
from tests.support.known import OUTLET_COLUMNS


@pytest.fixture
def outlets(app):
    """The demo outlets (BJ-CY-01, BJ-DC-01, BJ-CITY)."""
    with app.app_context(), db.new_session() as session:
        session.add_all(Outlet(**{c: getattr(o, c) for c in OUTLET_COLUMNS}) for o in DEMO_OUTLETS)
    return [o.code for o in DEMO_OUTLETS]


@pytest.fixture
def make_token(runner):
    """Create an API token through the CLI, as an administrator would; returns the token."""

    def make(name="outlet-cy", actor="operator", outlet=None):
        scope = [] if actor != "operator" else ["--outlet", outlet] if outlet else ["--all-outlets"]
        result = runner.invoke(args=["api-token", "create", name, "--actor", actor, *scope])
        assert result.exit_code == 0, result.output
        return result.output.strip()

    return make
