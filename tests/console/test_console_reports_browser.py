"""The wallboard and both service-level reports in a real browser, in Mandarin (the default) and English;
the wallboard refreshes itself, and an operator's console offers the caller they took. Screenshots go to
$CONSOLE_SCREENSHOTS (if set) for a person to look at."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from ivr.operators import service_summaries
from ivr.store import Call, Operator, QueueVisit, db
from tests.support.console import make_operator
from tests.support.known import PASSWORD
from tests.support.service_day import at, seed_day

WORDS = {
    "zh": dict(daily="日报", monthly="月报", answer="接通率", waiting="正在排队", sheet="按座席"),
    "en": dict(
        daily="Daily report", monthly="Monthly report", answer="Answer rate", waiting="Waiting now", sheet="By operator"
    ),
}


@pytest.fixture
def browser_page(browser_context):
    page = browser_context(viewport={"width": 1600, "height": 900}).new_page()
    page.set_default_timeout(15000)
    return page


@pytest.fixture
def day(app, clock):
    """The hand-made day at 11:05, its hours that are over summed as the scheduler would have."""
    with app.app_context(), db.new_session() as session:
        seed_day(session)
    clock.now = at(11, 5)
    with app.app_context():
        assert service_summaries.catch_up(db, now=clock.now, target_s=app.config["SERVICE_LEVEL_SECONDS"]) > 0


def sign_in(page, url, name):
    page.goto(url)
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("#sign-in button[type=submit]")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_reports_and_the_wallboard(app, live_server, browser_page, day, clock, screenshot, language):
    words = WORDS[language]
    make_operator(app, "lead", "supervisor", language=language)
    page = browser_page
    sign_in(page, live_server + "/console/reports/daily?day=2026-11-25", "lead")
    page.wait_for_selector("#view-summary")
    assert words["daily"] in page.locator("h1").inner_text()
    answer = page.locator("#view-summary tr", has_text=words["answer"]).first.locator("td")
    assert answer.inner_text() == "60.0 %"
    assert page.locator("#view-hours tbody tr").count() == 24
    screenshot(page, f"report-daily-{language}")

    page.goto(live_server + "/console/reports/monthly?month=2026-11")
    page.wait_for_selector("#view-days")
    assert words["monthly"] in page.locator("h1").inner_text()
    assert page.locator("#view-days tbody tr").count() == 30
    assert page.locator("#view-operators tbody tr").count() == 2
    with page.expect_download() as download:
        page.click("#report-xlsx")
    assert download.value.suggested_filename == "service-levels-2026-11-01-2026-11-30.xlsx"
    screenshot(page, f"report-monthly-{language}")

    page.goto(live_server + "/console/wallboard")
    page.wait_for_selector("#board")
    waiting = page.locator("[data-figure=waiting] .number")
    assert waiting.inner_text() == "1" and words["waiting"] in page.locator("[data-figure=waiting] h2").inner_text()
    size = page.eval_on_selector("[data-figure=waiting] .number", "e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 96  # large enough to read across a room on a 1600-pixel screen
    screenshot(page, f"wallboard-{language}")
    with app.app_context(), db.new_session() as session:  # another caller joins the queue
        call = Call(call_sid="CA" + "8" * 32, started_at=clock.now)
        session.add(call)
        session.flush()
        session.add(QueueVisit(call_id=call.id, queue_name="hotline", enqueued_at=clock.now))
        session.commit()
    for _ in range(40):  # the page's own script fetches the panel every 5 s
        if waiting.inner_text() == "2":
            break
        page.wait_for_timeout(500)
    assert waiting.inner_text() == "2"


def test_the_operator_who_took_a_caller_is_offered_their_page(app, live_server, browser_page, day, clock):
    make_operator(app, "hua_op", "operator", language="zh")
    page = browser_page
    sign_in(page, live_server + "/console/callbacks", "hua_op")
    page.wait_for_selector("#callbacks")
    with app.app_context(), db.new_session() as session:
        me = session.scalar(select(Operator.id).where(Operator.name == "hua_op"))
        call = Call(call_sid="CA" + "6" * 32, from_number="+8613800138000", started_at=clock.now - timedelta(minutes=2))
        session.add(call)
        session.flush()
        visit = QueueVisit(call_id=call.id, queue_name="hotline", enqueued_at=clock.now - timedelta(minutes=1))
        visit.bridged_at, visit.operator_id = clock.now, me
        session.add(visit)
        session.commit()
        call_id = call.id
    page.wait_for_selector(".screen-pop")
    assert "正在与" in page.locator(".screen-pop strong").inner_text()
    page.click(".screen-pop a.pop-call")
    page.wait_for_url(f"**/console/calls/{call_id}")
