"""The softphone page's "Say it instead" box in headless Chromium: a spoken turn from the browser."""

import pytest

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (requirements.txt)")
expect = sync_api.expect

QUIET = """
window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; this.lang = ""; } };
Object.defineProperty(window, "speechSynthesis", { configurable: true, value: {
  speaking: false, cancel() {}, getVoices() { return []; }, speak() {} } });
"""


@pytest.fixture
def page(browser_context, live_server):
    context = browser_context()
    context.add_init_script(QUIET)
    page = context.new_page()
    page.goto(live_server + "/softphone")
    page.uncheck("#autotimeout")
    return page


def test_words_typed_in_the_box_are_said_not_keyed(page):
    page.click("#dial")
    expect(page.locator("#transcript li.say").last).to_contain_text("也可直接说出")
    page.locator("#said").press_sequentially("say 2")  # a digit typed here is a word, not a key
    expect(page.locator("#display")).to_have_text("")
    page.fill("#said", "普通话")
    page.click("#say")
    transcript = page.locator("#transcript")
    expect(transcript).to_contain_text("您说：“普通话”")  # the page follows the console's language: Mandarin first
    # The greeting's menu listens for words; these ask for nothing it offers: asked again.
    expect(transcript).to_contain_text("没有听清")
    expect(page.locator("#transcript li.say").last).to_contain_text("也可直接说出")
    expect(page.locator("#said")).to_have_value("")
