"""In a real browser, under the console's CSP: the pages still look right, and a supervisor adds an operator."""

import pytest

from ivr.store import db
from tests.support.console import make_operator, seed
from tests.support.known import PASSWORD


@pytest.fixture
def live_console(app, cardholders, live_server):
    """The app on a free loopback port, with the hand-counted history and a supervisor."""
    with app.app_context(), db.new_session() as session:
        seed(session)
    make_operator(app, "hua", "supervisor")
    return live_server


def signed_in(browser_context, base, name, password, blocked):
    page = browser_context().new_page()
    page.set_default_timeout(15000)
    page.on("console", lambda message: "Content Security Policy" in message.text and blocked.append(message.text))
    page.goto(base + "/console/sign-in")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", password)
    page.click("#sign-in button[type=submit]")
    return page


def test_a_supervisor_adds_an_operator_under_the_csp(live_console, browser_context):
    blocked = []
    page = signed_in(browser_context, live_console, "hua", PASSWORD, blocked)
    page.wait_for_selector("[data-figure=calls]")
    busiest = page.locator("[data-hour='9'] .bar").bounding_box()
    quiet = page.locator("[data-hour='12'] .bar").bounding_box()
    assert busiest["height"] > 2 * quiet["height"] > 0  # the stylesheet's bar classes apply

    page.click("text=Operators")
    page.wait_for_selector("#new-operator")
    assert "At least 10 characters" in page.inner_text("#new-password-rule")
    page.fill("#new-operator input[name=name]", "ming")
    page.fill("#new-operator input[name=password]", "a fresh long secret")
    page.click("#new-operator button[type=submit]")
    page.wait_for_selector("tr[data-operator=ming]")
    assert "ming can now sign in" in page.inner_text("main")

    ming = signed_in(browser_context, live_console, "ming", "a fresh long secret", blocked)
    ming.wait_for_selector("[data-figure=calls]")
    assert blocked == []
