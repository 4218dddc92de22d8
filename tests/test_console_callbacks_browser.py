"""An operator's shift in a real browser: the live queue, then the callback work list."""

import os

import pytest
from sqlalchemy import select

from ivr.store import CallbackRequest

from .conftest import HOLDERS
from .console_data import PASSWORD, make_operator, stored
from .menu_calls import file_report
from .queue_calls import QUEUE
from .test_console_callbacks import add_requests
from .test_console_browser import ARGS, CHROMIUM

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM} (install Debian's: apt-get install chromium)"
)


@pytest.fixture
def browser_page():
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.set_default_timeout(15000)
        yield page
        browser.close()


def test_operator_watches_the_queue_then_works_a_callback(app, phone, cardholders, live_server, browser_page):
    app.config["OPERATOR_QUEUE"] = QUEUE
    old, new = add_requests(app)
    make_operator(app, "ming", "operator")
    call = file_report(phone, HOLDERS["zhang"], "en")
    call.press("*")
    call.press("0")  # now waiting in the queue
    page = browser_page

    page.goto(live_server + "/console/queue")
    page.fill("input[name=name]", "ming")
    page.fill("input[name=password]", PASSWORD)
    page.click("#sign-in button[type=submit]")
    page.wait_for_selector("#live")
    row = page.locator("tr[data-state=waiting]")
    assert row.count() == 1
    assert "identity verified, card ending 0 0 0 1" in row.locator(".summary").inner_text()

    page.click("text=Callbacks")
    page.wait_for_selector("#callbacks")
    first = page.locator(f"#callback-{old}")
    assert "overdue" in first.inner_text() and first.get_attribute("class") == "overdue-row"
    assert first.locator(".phone").inner_text() == "+86 139****5678"
    first.locator("form.claim button").click()
    page.wait_for_selector(f"#callback-{old} form.outcome")
    assert page.locator(f"#callback-{old} .phone").inner_text() == "+8613912345678"
    page.select_option(f"#callback-{old} select[name=outcome]", "reached")
    page.fill(f"#callback-{old} input[name=note]", "explained the outlet visit")
    page.click(f"#callback-{old} form.outcome button")
    page.wait_for_selector(".flash")
    assert page.locator(f"#callback-{old}").count() == 0 and page.locator(f"#callback-{new}").count() == 1
    (request,) = stored(app, select(CallbackRequest).where(CallbackRequest.id == old))
    assert request.status == "reached" and "explained the outlet visit" in request.notes
