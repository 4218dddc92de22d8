"""A supervisor's morning in a real browser: sign in, dashboard, call log filter, a timeline, the CSV."""

import csv
import os
import threading

import pytest
from werkzeug.serving import make_server

from ivr.store import db

from .console_data import PASSWORD, SEVEN_DAYS, make_operator, seed

CHROMIUM = "/usr/bin/chromium"
PORT = 5106
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM} (install Debian's: apt-get install chromium)"
)


@pytest.fixture
def live_console(app, cardholders):
    """The app served on 127.0.0.1:5106 from a thread, with the hand-counted history and a supervisor."""
    with app.app_context(), db.new_session() as session:
        ids = seed(session)
    make_operator(app, "hua", "supervisor")
    server = make_server("127.0.0.1", PORT, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{PORT}", ids
    server.shutdown()
    thread.join()
    server.server_close()


@pytest.fixture
def browser_page():
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        context = browser.new_context(accept_downloads=True, viewport={"width": 1024, "height": 768})
        page = context.new_page()
        page.set_default_timeout(15000)
        yield page
        context.close()
        browser.close()


def test_supervisor_signs_in_reads_filters_opens_a_call_and_downloads_csv(live_console, browser_page, tmp_path):
    base, ids = live_console
    page = browser_page

    page.goto(base + "/console/")
    assert "/console/sign-in" in page.url
    page.fill("input[name=name]", "hua")
    page.fill("input[name=password]", PASSWORD)
    page.click("#sign-in button[type=submit]")

    page.wait_for_selector("[data-figure=calls]")
    assert page.inner_text("[data-figure=calls]") == str(SEVEN_DAYS["calls"])
    assert page.inner_text("[data-figure=reports_filed]") == str(SEVEN_DAYS["reports_filed"])
    assert page.locator("[data-hour='9']").get_attribute("data-count") == "3"

    page.click("text=Call log")
    page.wait_for_selector("#calls")
    assert page.locator("tr[data-call-id]").count() == SEVEN_DAYS["calls"]
    page.select_option("select[name=outcome]", "abandoned")
    page.click("#call-filters button[type=submit]")
    page.wait_for_url("**outcome=abandoned**")
    rows = page.locator("tr[data-call-id]")
    assert rows.count() == SEVEN_DAYS["abandoned"]
    assert rows.first.locator(".caller").inner_text() == "+86 138****8000"

    rows.first.locator("a").click()
    page.wait_for_selector("#timeline")
    assert page.inner_text("#outcome") == "abandoned"
    kinds = [li.get_attribute("data-kind") for li in page.locator("#timeline li").all()]
    assert kinds[0] == "call_started" and kinds[-1] == "outcome"

    page.go_back()
    with page.expect_download() as download_info:
        page.click("#calls-csv")
    target = tmp_path / "calls.csv"
    download_info.value.save_as(target)
    with open(target, encoding="utf-8-sig") as handle:
        exported = list(csv.DictReader(handle))
    assert [row["outcome"] for row in exported] == ["abandoned", "abandoned"]
    assert {row["caller"] for row in exported} == {"'+86 138****8000", "'+86 136****6000"}
