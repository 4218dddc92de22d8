"""At 1280 px (a common office screen) the console fits: no page wider than the window, and the
callbacks work list shows its Claim button and, once claimed, the outcome form whole, in both languages.
Screenshots go to $CONSOLE_SCREENSHOTS (if set)."""

import pytest

from tests.support.console import add_requests, make_operator
from tests.support.known import PASSWORD

WIDTH = 1280
# The right edge of `selector`'s box, and of the page's widest content, in CSS pixels.
RIGHT_EDGE = "s => Math.max(...Array.from(document.querySelectorAll(s), e => e.getBoundingClientRect().right))"
PAGE_WIDTH = "() => document.documentElement.scrollWidth"


@pytest.fixture
def signed_in(app, live_server, browser_context):
    def sign_in(language):
        make_operator(app, f"sup-{language}", "supervisor", language=language)
        page = browser_context(viewport={"width": WIDTH, "height": 800}).new_page()
        page.set_default_timeout(15000)
        page.goto(live_server + "/console/sign-in")
        page.fill("input[name=name]", f"sup-{language}")
        page.fill("input[name=password]", PASSWORD)
        page.click("#sign-in button[type=submit]")
        page.wait_for_load_state()
        return page

    return sign_in


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_dashboard_fits_1280_pixels(signed_in, live_server, history, screenshot, language):
    page = signed_in(language)
    page.goto(live_server + "/console/")
    screenshot(page, f"fits-dashboard-{language}")
    assert page.evaluate(PAGE_WIDTH) <= WIDTH
    # No table hidden in part inside its card (a scroll bar a supervisor would not look for).
    clipped = page.evaluate("() => Array.from(document.querySelectorAll('.chart'), c => c.scrollWidth - c.clientWidth)")
    assert max(clipped) <= 1, clipped


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_callbacks_list_shows_claim_and_the_outcome_form_whole(
    app, signed_in, live_server, history, screenshot, language
):
    old, _ = add_requests(app)
    page = signed_in(language)
    page.goto(live_server + "/console/callbacks")
    page.wait_for_selector("#callbacks")
    screenshot(page, f"fits-callbacks-{language}")
    assert page.evaluate(PAGE_WIDTH) <= WIDTH
    assert page.evaluate(RIGHT_EDGE, "form.claim button") <= WIDTH
    page.locator(f"#callback-{old} form.claim button").click()
    page.wait_for_selector(f"#callback-{old} form.outcome")
    screenshot(page, f"fits-callbacks-claimed-{language}")
    assert page.evaluate(PAGE_WIDTH) <= WIDTH
    for part in ("select[name=outcome]", "input[name=note]", "button"):
        assert page.evaluate(RIGHT_EDGE, f"#callback-{old} form.outcome {part}") <= WIDTH, part
