"""Two softphone tabs in headless Chromium: a caller waiting in the queue, an operator line taking them."""

import pytest

from ivr.store import db
from tests.support.calls import identity_keys
from tests.support.known import HOLDERS, OPERATOR_PIN, QUEUE
from tests.support.queue import desk_operator

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (requirements.txt)")
expect = sync_api.expect
SILENT = """
window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
Object.defineProperty(window, "speechSynthesis", { configurable: true, value: {
  speaking: false, cancel() {}, getVoices() { return []; }, speak() {} } });
"""


@pytest.fixture
def tabs(app, live_server, browser_context):
    app.config["OPERATOR_QUEUE"] = QUEUE
    with app.app_context(), db.new_session() as session:
        desk_operator(session, "hua")
        session.commit()
    context = browser_context()
    context.add_init_script(SILENT)
    pages = [context.new_page(), context.new_page()]
    # The page speaks the console's language (Mandarin unless chosen): this test reads it in English.
    pages[0].goto(live_server + "/")
    pages[0].click("#language-switch button[value=en]")
    pages[0].wait_for_selector("html[lang=en]")
    for page in pages:
        page.set_default_timeout(15000)
        page.goto(live_server + "/softphone")
        page.uncheck("#autotimeout")
    return pages


def key(page, keys):
    page.bring_to_front()  # a tab behind another gets its animation frames throttled: clicks crawl
    for pressed in keys:
        page.click(f'.keypad button[data-key="{pressed}"]')
    page.wait_for_function("!document.querySelector('#status').textContent.startsWith('…')", polling=100)


def test_caller_tab_waits_operator_tab_takes_them_then_the_rating(tabs, cardholders):
    caller, operator = tabs
    holder = HOLDERS["li"]
    caller.fill("#from", "+8613912345678")
    caller.click("#dial")
    expect(caller.locator("#transcript li.say").last).to_contain_text("也可直接说出")
    for keys in (*identity_keys(holder, language="en"), "1", "*", "0"):
        key(caller, keys)
    expect(caller.locator("#transcript")).to_contain_text("Waiting in the queue")
    expect(caller.locator("#transcript")).to_contain_text("You are next in line")
    caller.bring_to_front()
    caller.click("#keep-waiting")
    expect(caller.locator("#transcript li.queue").last).to_have_text("You kept waiting (30 s)")

    operator.bring_to_front()
    operator.fill("#from", "+8613900001111")
    operator.select_option("#line", "operator")
    operator.click("#dial")
    expect(operator.locator("#transcript")).to_contain_text("请输入本线路的座席密码")
    key(operator, OPERATOR_PIN + "#")
    expect(operator.locator("#transcript")).to_contain_text("已核验身份，卡号尾号0 0 0 2")
    expect(operator.locator("#transcript")).to_contain_text("Connected to +8613912345678")
    # The caller's tab learns it was taken by polling.
    expect(caller.locator("#transcript")).to_contain_text("An operator is taking your call now")

    operator.click("#hangup")
    expect(caller.locator("#transcript")).to_contain_text("Please rate this call")
    key(caller, "1")
    expect(caller.locator("#transcript li.say").last).to_have_text("Thank you for your rating. Goodbye.")
    expect(caller.locator("#status")).to_have_text("Call ended.")
