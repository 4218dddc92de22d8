"""The softphone page's "Say it instead" box in headless Chromium: a spoken turn from the browser."""

import pytest

from ivr.prompts import CATALOGUE

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
    expect(page.locator("#transcript li.say").last).to_have_text("For English, press 2.")
    page.locator("#said").press_sequentially("say 2")  # a digit typed here is a word, not a key
    expect(page.locator("#display")).to_have_text("")
    page.fill("#said", "普通话")
    page.click("#say")
    transcript = page.locator("#transcript")
    expect(transcript).to_contain_text("You said “普通话”")
    # The language question listens for keys only: the words go unheard, as silence (Mandarin).
    expect(transcript).to_contain_text("keys only")
    expect(page.locator("#transcript li.say").last).to_have_text(CATALOGUE["menu.options"]["zh"])
    expect(page.locator("#said")).to_have_value("")
