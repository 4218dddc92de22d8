"""The console in a real browser (Debian's Chromium through Playwright), in both languages: every
page, the move confirmation, search by each key, the live page updating after a softphone call, and
the SMS page's resend. Screenshots go to $CONSOLE_SCREENSHOTS (if set) for a person to look at."""

import csv

import pytest
from sqlalchemy import select

from ivr.store import Card, OutgoingMessage, db
from tests.support.console import make_operator, seed, stored
from tests.support.known import HOLDERS, PASSWORD, REFERENCE, SEVEN_DAYS

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
expect = sync_api.expect


@pytest.fixture
def live_console(app, cardholders, live_server):
    """The app on a free loopback port with the hand-counted history, a supervisor per language."""
    with app.app_context(), db.new_session() as session:
        ids = seed(session)
    make_operator(app, "hua", "supervisor", language="en")
    make_operator(app, "lan", "supervisor", language="zh")
    return live_server, ids


@pytest.fixture
def context(browser_context):
    context = browser_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15000)
    return context


def sign_in(page, base, name):
    page.goto(base + "/console/sign-in")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("#sign-in button[type=submit]")
    page.wait_for_selector("[data-figure=calls]")


def test_supervisor_signs_in_reads_filters_opens_a_call_and_downloads_csv(live_console, context, tmp_path):
    base, ids = live_console
    page = context.new_page()
    page.goto(base + "/console/")
    assert "/console/sign-in" in page.url
    sign_in(page, base, "hua")
    assert page.inner_text("[data-figure=calls]") == str(SEVEN_DAYS["calls"])
    assert page.locator("[data-hour='9']").get_attribute("data-count") == "3"

    page.click("header nav >> text=Call log")
    page.wait_for_selector("#calls")
    assert page.locator("tr[data-call-id]").count() == SEVEN_DAYS["calls"]
    page.select_option("select[name=outcome]", "abandoned")
    page.click("#call-filters button[type=submit]")
    page.wait_for_url("**outcome=abandoned**")
    rows = page.locator("tr[data-call-id]")
    assert rows.count() == SEVEN_DAYS["abandoned"]
    assert rows.first.locator(".caller").inner_text() == "+86 138****8000"

    rows.first.locator("a").first.click()
    page.wait_for_selector("#timeline")
    assert page.inner_text("#outcome") == "Caller hung up"
    kinds = [li.get_attribute("data-kind") for li in page.locator("#timeline li").all()]
    assert kinds[0] == "call_started" and kinds[-1] == "outcome"

    page.go_back()
    with page.expect_download() as download_info:
        page.click("#calls-csv")
    target = tmp_path / "calls.csv"
    download_info.value.save_as(target)
    with open(target, encoding="utf-8-sig") as handle:
        exported = list(csv.DictReader(handle))
    assert [row["Outcome"] for row in exported] == ["Caller hung up", "Caller hung up"]
    assert {row["Caller"] for row in exported} == {"'+86 138****8000", "'+86 136****6000"}


PAGES = [  # (name, path, a selector every rendering of it has)
    ("dashboard", "/console/?range=7d", "[data-figure=calls]"),
    ("live", "/console/live", "#calls-now"),
    ("calls", "/console/calls?first=2026-11-19&last=2026-11-25", "#calls"),
    ("call", "/console/calls/{first_call}", "#timeline"),
    ("search", "/console/search", "#search-box"),
    ("cards", "/console/cards", "#waiting-reports"),
    ("card", "/console/cards/{report_card}", "#move-card"),
    ("messages", "/console/messages?first=2026-11-01&last=2026-11-25", "#sms"),
    ("audit", "/console/audit?range=30d", "#audit"),
    ("operators", "/console/operators", "#operators"),
    ("not-found", "/console/references/87654321", "#not-found"),
    ("error", "/console/calls/999999", "[role=alert]"),
]
WORDS = {"zh": ("概览", "通话记录", "查询", "退出"), "en": ("Dashboard", "Call log", "Search", "Sign out")}


@pytest.mark.parametrize("language, name", [("zh", "lan"), ("en", "hua")])
def test_every_page_in_both_languages(live_console, context, language, name, screenshot):
    base, ids = live_console
    page = context.new_page()
    page.goto(base + "/")
    screenshot(page, f"{language}-front-anonymous")
    page.goto(base + "/console/sign-in")
    screenshot(page, f"{language}-sign-in")
    sign_in(page, base, name)
    for title, path, selector in PAGES:
        page.goto(base + path.format(**ids))
        page.wait_for_selector(selector)
        header = page.inner_text("header.top")
        assert all(word in header for word in WORDS[language]), (title, header)
        body = page.inner_text("main")
        # no raw code reaches a person: codes have underscores, words do not
        for code in ("report_filed", "preloss_done", "operator_closed", "preloss_confirmation", "sign_in"):
            assert code not in body, (title, code)
        screenshot(page, f"{language}-{title}")
    # the move confirmation
    page.goto(base + f"/console/cards/{ids['report_card']}")
    page.select_option("select[name=wanted]", "active")
    page.click("#move-card button[type=submit]")
    page.wait_for_selector("#move-confirm")
    screenshot(page, f"{language}-move-confirm")


def test_lifting_a_suspension_asks_then_moves_and_texts_the_holder(app, live_console, context):
    base, ids = live_console
    page = context.new_page()
    sign_in(page, base, "lan")
    page.goto(base + f"/console/cards/{ids['report_card']}")
    assert page.locator("select[name=wanted]").input_value() == ""  # nothing chosen for the supervisor
    page.select_option("select[name=wanted]", "active")
    page.click("#move-card button[type=submit]")
    page.wait_for_selector("#move-confirm")
    assert stored(app, select(Card.state).where(Card.id == ids["report_card"])) == ["preloss"]
    page.click("#confirm-move")  # no reason yet: the browser asks for one, nothing is sent
    assert stored(app, select(Card.state).where(Card.id == ids["report_card"])) == ["preloss"]
    page.fill("textarea[name=reason]", "持卡人找到了卡片")
    page.click("#confirm-move")
    expect(page.locator("#card-state")).to_have_text("正常")
    expect(page.locator("[role=status]")).to_contain_text("临时挂失（暂停使用）")
    kinds = stored(app, select(OutgoingMessage.kind).where(OutgoingMessage.state == "pending"))
    assert "preloss_cancelled" in kinds


SEARCHES = [  # (key, value typed, what the search shows)
    ("reference", REFERENCE, "card"),
    ("card", HOLDERS["zhang"]["card_number"], "card"),
    ("id_number", HOLDERS["zhang"]["id_number"], "holders"),
    ("name", HOLDERS["zhang"]["name"], "holders"),
    ("mobile", HOLDERS["zhang"]["mobile"], "holders"),
    ("mobile4", HOLDERS["zhang"]["mobile"][-4:], "holders"),
    ("caller", "13800138000", "calls"),
    ("caller4", "8000", "calls"),
]


def test_search_by_each_key_in_the_browser(live_console, context, caplog):
    caplog.set_level("INFO")
    base, ids = live_console
    page = context.new_page()
    sign_in(page, base, "hua")
    for key, value, expected in SEARCHES:
        page.goto(base + "/console/search")
        page.select_option("#search-key", key)
        page.fill("#search-value", value)
        page.fill("input[name=first]", "2026-11-19")
        page.fill("input[name=last]", "2026-11-25")
        page.click("#search-box button[type=submit]")
        if expected == "card":
            page.wait_for_selector("#card-state")
            assert page.url.endswith(f"/console/cards/{ids['report_card']}"), key
        else:
            page.wait_for_selector(f"#found-{expected}")
            assert page.input_value("#search-value") == "", key  # what was typed is not kept on the page
        assert value not in page.url and value.lower() not in page.url, key
    searches = [r.getMessage() for r in caplog.records if "POST /console/search" in r.getMessage()]
    assert len(searches) == len(SEARCHES)  # the access log is captured here
    private = [value for key, value, _ in SEARCHES if key not in ("reference", "mobile4", "caller4")]
    for record in caplog.records:  # and never holds what was typed
        assert not any(value in record.getMessage() for value in private), record.getMessage()


def test_the_live_page_shows_a_softphone_call_without_reloading(live_console, context, screenshot):
    base, _ids = live_console
    watch = context.new_page()
    sign_in(watch, base, "hua")
    watch.goto(base + "/console/live")
    watch.wait_for_selector("#calls-now")
    watch.evaluate("window.__same_page = true")
    before = watch.locator("tr[data-call-sid]").count()  # the history has a call still in progress
    phone = context.new_page()
    phone.goto(base + "/softphone")
    phone.fill("#from", "+8613111112222")
    phone.click("#dial")
    phone.click('.keypad button[data-key="8"]')  # English: the call stays at the main menu
    expect(watch.locator("tr[data-call-sid]")).to_have_count(before + 1, timeout=15000)
    row = watch.locator("tr[data-call-sid]", has_text="+86 131****2222")
    expect(row.locator(".step")).to_have_text("Main menu", timeout=15000)
    assert watch.evaluate("window.__same_page") is True  # refreshed in place, never reloaded
    phone.click('.keypad button[data-key="1"]')
    expect(row.locator(".step")).to_have_text("Keying the ID number", timeout=15000)
    screenshot(watch, "en-live-with-call")


def test_the_sms_page_resends_a_failed_message(app, live_console, context):
    base, ids = live_console
    page = context.new_page()
    sign_in(page, base, "hua")
    page.goto(base + "/console/messages?first=2026-11-01&last=2026-11-25&state=failed")
    row = page.locator(f"tr[data-message-id='{ids['failed_message']}']")
    row.locator("button").click()
    expect(page.locator("[role=status]")).to_contain_text(f"Message {ids['failed_message']} will be sent again")
    assert "state=failed" in page.url  # back on the same filtered list
    assert page.locator(f"tr[data-message-id='{ids['failed_message']}']").count() == 0
    assert stored(app, select(OutgoingMessage.state).where(OutgoingMessage.id == ids["failed_message"])) == ["pending"]
