"""The console's tests: the hand-counted history (tests/support/known.py) stored, operators, signing in, pages."""

import pytest

from ivr.store import db
from tests.support.console import make_operator, seed, sign_in


@pytest.fixture
def history(app, cardholders):
    """The hand-counted history stored (tests/support/known.py); the ids of what the console links to."""
    with app.app_context(), db.new_session() as session:
        return seed(session)


@pytest.fixture
def operator(app, client, history):
    """`client`, signed in as the operator ming, over the history."""
    make_operator(app, "ming", "operator")
    assert sign_in(client, "ming").status_code == 302
    return client


@pytest.fixture
def supervisor(app, client, history):
    """`client`, signed in as the supervisor hua, over the history."""
    make_operator(app, "hua", "supervisor")
    assert sign_in(client, "hua").status_code == 302
    return client
