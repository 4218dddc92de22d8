"""A newcomer opens the console from the start banner before making an account: the sign-in page says how."""

import pytest

from ivr import create_app
from ivr.store import db
from tests.support.console import make_operator, parse_page

COMMAND = "flask --app app create-operator NAME --role supervisor"


def test_with_no_account_yet_the_sign_in_page_says_how_to_make_one(client):
    page = parse_page(client.get("/console/sign-in").get_data(as_text=True))
    [said] = page.text_of(id="first-account")
    assert said.startswith("还没有人能登录。") and COMMAND in said  # Mandarin first, the command as typed


def test_once_an_account_exists_the_hint_is_gone(app, client):
    make_operator(app, "hua", "supervisor")
    assert "first-account" not in client.get("/console/sign-in").get_data(as_text=True)


@pytest.fixture
def production(app_config):
    app = create_app({**app_config, "IVR_ENV": "production", "SECRET_KEY": "s" * 40, "PASSWORD_PEPPER": "p" * 44})
    yield app
    db.engine.dispose()


def test_production_does_not_say_that_no_account_exists(production):
    assert "first-account" not in production.test_client().get("/console/sign-in").get_data(as_text=True)
