"""The softphone page in headless Chromium: dial, press keys, read the transcript and the SMS."""

import json

import pytest
from sqlalchemy import select

from ivr.store import PrelossReport, SoftphoneCall
from tests.support.known import HOLDERS

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (requirements.txt)")
expect = sync_api.expect

# The page reads prompts aloud; this stand-in for the browser's speech keeps what it was asked to say.
FAKE_SPEECH = """
window.__spoken = [];
window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; this.lang = ""; } };
Object.defineProperty(window, "speechSynthesis", { configurable: true, value: {
  speaking: false, cancel() {}, getVoices() { return []; },
  speak(u) { window.__spoken.push([u.lang, u.text]); } } });
"""


def open_softphone(browser_context, live_server, language):
    """The softphone page in `language`, chosen as a newcomer does: with the switch on the front page."""
    context = browser_context()
    context.add_init_script(FAKE_SPEECH)
    page = context.new_page()
    page.goto(live_server + "/")
    if language == "en":
        page.click("#language-switch button[value=en]")
        page.wait_for_selector("html[lang=en]")
    page.goto(live_server + "/softphone")
    page.uncheck("#autotimeout")  # the test decides when the caller is silent
    return page


@pytest.fixture
def page(browser_context, live_server):
    return open_softphone(browser_context, live_server, "en")


def test_the_softphone_speaks_the_language_chosen_in_the_console(browser_context, live_server):
    """The front page links 网页电话 in Mandarin: the page it opens is in Mandarin too, under that name."""
    page = open_softphone(browser_context, live_server, "zh")
    expect(page.locator("h1")).to_have_text("网页电话")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    expect(page.locator("#dial")).to_have_text("拨号")
    expect(page.locator("#status")).to_have_text("未在通话中。")
    page.click("#dial")
    # Mandarin first: the menu is the greeting, ending with its invitation to speak
    expect(last_said(page)).to_contain_text("也可直接说出")
    expect(page.locator("#transcript")).to_contain_text("挂失社保卡请按1")
    page.click("#silence")
    expect(page.locator("#transcript li.silence")).to_have_text("您未按键")


def key(page, keys):
    for pressed in keys:
        page.click(f'.keypad button[data-key="{pressed}"]')


def last_said(page):
    return page.locator("#transcript li.say").last


def test_an_english_caller_reports_a_card_from_the_browser(page, cardholders):
    holder = HOLDERS["zhang"]
    page.fill("#from", "+8613111112222")
    page.click("#dial")
    expect(last_said(page)).to_contain_text("也可直接说出")  # the greeting and the menu: one question
    key(page, "8")
    expect(last_said(page)).to_contain_text("Or just say what you need.")
    key(page, "1")
    expect(last_said(page)).to_contain_text("18-digit ID number")
    key(page, "11010519491231002*")
    expect(page.locator("#display")).to_have_text("11010519491231002*")
    key(page, "#")
    expect(last_said(page)).to_contain_text("ends 0, 0, 2, X")
    expect(page.locator("#transcript li.keys").last).to_have_text("You pressed 11010519491231002*#")
    key(page, "1")
    expect(last_said(page)).to_contain_text("password")
    key(page, holder["service_password"] + "#")
    expect(last_said(page)).to_contain_text("last 4 digits")
    key(page, holder["mobile"][-4:])
    expect(last_said(page)).to_contain_text("card ending 0, 0, 0, 1")
    key(page, "1")
    expect(page.locator("#transcript li.say").nth(-2)).to_contain_text("Your card is reported lost")

    sms = page.locator("#sms li")
    expect(sms).to_have_count(3)
    # Its kind and state in words, as the console's SMS page says them, not the codes.
    expect(sms.first).to_contain_text("Report confirmation to +86 138****8000 · Waiting · due")
    page.click("#hangup")
    expect(page.locator("#transcript li.end")).to_have_text("Call ended: you hung up.")
    expect(page.locator("#dial")).to_be_enabled()
    expect(page.locator('.keypad button[data-key="1"]')).to_be_disabled()

    spoken = page.evaluate("window.__spoken")
    assert ["en-US", "For English, press 8."] in spoken
    assert spoken[0][0] == "zh-CN" and "这里是" in spoken[0][1]
    assert any(lang == "en-US" and "reported lost" in text for lang, text in spoken)


def test_silence_at_the_greeting_speaks_mandarin(page):
    page.click("#dial")
    expect(last_said(page)).to_contain_text("也可直接说出")
    page.click("#silence")
    expect(page.locator("#transcript li.silence")).to_have_text("You stayed silent")
    expect(last_said(page)).to_contain_text("也可直接说出")
    expect(last_said(page)).to_have_attribute("lang", "zh-CN")
    assert page.evaluate("window.__spoken.at(-1)[0]") == "zh-CN"


def test_a_caller_rings_as_jambonz_and_reports_a_card(
    browser_context, live_server, cardholders, app, session, screenshot
):
    """The page posts jambonz's signed JSON and runs its verbs: the same call, the same report. With
    VOICE_ENGINE=jambonz the hotline refuses Twilio's form, so the call only works in jambonz's dialect."""
    app.config["VOICE_ENGINE"] = "jambonz"
    page = open_softphone(browser_context, live_server, "en")
    holder = HOLDERS["zhang"]
    expect(page.locator('#engine option[value="twilio"]')).to_be_disabled()
    page.select_option("#engine", "jambonz")
    page.click("#dial")
    expect(page.locator("#transcript")).to_contain_text("挂失社保卡请按1")
    key(page, "1")
    expect(last_said(page)).to_contain_text("身份证号码")
    key(page, "11010519491231002*#")
    key(page, "1")
    expect(last_said(page)).to_contain_text("服务密码")
    key(page, holder["service_password"] + "#")
    key(page, holder["mobile"][-4:])
    expect(last_said(page)).to_contain_text("确认挂失请按1")
    key(page, "1")
    expect(page.locator("#transcript li.say").nth(-2)).to_contain_text("挂失")
    expect(page.locator("#sms li")).to_have_count(3)
    screenshot(page, "softphone-jambonz")
    assert session.scalar(select(PrelossReport)) is not None
    kept = json.loads(session.scalar(select(SoftphoneCall.state)))
    assert kept["dialect"] == "jambonz"


def test_an_engine_voice_engine_does_not_let_call_cannot_be_chosen(browser_context, live_server, app):
    app.config["VOICE_ENGINE"] = "twilio"
    page = open_softphone(browser_context, live_server, "en")
    expect(page.locator('#engine option[value="jambonz"]')).to_be_disabled()
    expect(page.locator('#engine option[value="jambonz"]')).to_contain_text("not in VOICE_ENGINE")
    expect(page.locator("#engine")).to_have_value("twilio")


@pytest.mark.parametrize(
    "language, silent, ended, status",
    [
        ("zh", "您未按键", "通话结束：您挂机了。", "通话已结束。"),
        ("en", "You stayed silent", "Call ended: you hung up.", "Call ended."),
    ],
)
def test_the_softphones_own_lines_are_in_the_pages_language(
    browser_context, live_server, screenshot, language, silent, ended, status
):
    """Not only the page's labels: what the softphone itself notes (silence, the end and why) too."""
    page = open_softphone(browser_context, live_server, language)
    page.click("#dial")
    expect(page.locator("#transcript")).to_contain_text("挂失社保卡请按1")
    expect(page.locator("#transcript li.ring")).to_contain_text({"zh": "正在从", "en": "Calling"}[language])
    page.click("#silence")
    expect(page.locator("#transcript li.silence")).to_have_text(silent)
    page.click("#hangup")
    expect(page.locator("#transcript li.end")).to_have_text(ended)
    expect(page.locator("#status")).to_have_text(status)
    screenshot(page, f"softphone-own-lines-{language}")
