"""An operator's shift in a real browser: the live queue, then the callback work list, in English and in
Mandarin (the console's default). Screenshots go to $CONSOLE_SCREENSHOTS (if set)."""

import pytest
from sqlalchemy import select

from ivr.store import CallbackRequest, Operator, db
from tests.support.calls import file_report
from tests.support.console import CALLBACK_REFERENCES, add_requests, make_operator, stored
from tests.support.known import HOLDERS, PASSWORD, QUEUE
from tests.support.queue import agent_line, leave_queue, operator_line


@pytest.fixture
def browser_page(browser_context):
    page = browser_context(viewport={"width": 1280, "height": 800}).new_page()
    page.set_default_timeout(15000)
    return page


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


def test_a_mandarin_operator_sees_the_queue_callbacks_and_dashboard_in_mandarin(
    app, phone, cardholders, live_server, browser_page, screenshot
):
    app.config["OPERATOR_QUEUE"] = QUEUE
    old, new = add_requests(app)
    make_operator(app, "li", "operator", language="zh")
    with app.app_context(), db.new_session() as session:
        li = session.scalar(select(Operator.id).where(Operator.name == "li"))
        session.add(operator_line("+8613900001111", li))
        session.commit()
    call = file_report(phone, HOLDERS["zhang"], "zh")
    call.press("*")
    call.press("0")  # now waiting in the queue
    page = browser_page

    page.goto(live_server + "/console/queue")
    page.fill("input[name=name]", "li")
    page.fill("input[name=password]", PASSWORD)
    page.click("#sign-in button[type=submit]")
    page.wait_for_selector("#live")
    assert page.locator("h1").inner_text() == "人工排队"
    row = page.locator("tr[data-state=waiting]")
    assert row.locator("td.state").inner_text() == "排队中"
    assert "已核验身份" in row.locator(".summary").inner_text()
    screenshot(page, "zh-queue")

    page.click("text=回电请求")
    page.wait_for_selector("#callbacks")
    first = page.locator(f"#callback-{old}")
    assert "逾期" in first.inner_text() and "非人工服务时间" in first.inner_text()
    assert "仍为初始密码" in page.locator(f"#callback-{new}").inner_text()
    first.locator("form.claim button").click()
    page.wait_for_selector(f"#callback-{old} form.outcome")
    assert page.locator(".flash").inner_text().startswith(f"回电请求 {CALLBACK_REFERENCES[0]} 已由您认领")
    assert page.locator(f"#callback-{old} select[name=outcome] option").all_inner_texts() == [
        "已联系上",
        "无人接听",
        "号码错误",
        "已完成",
    ]
    screenshot(page, "zh-callbacks")
    page.select_option(f"#callback-{old} select[name=outcome]", "wrong_number")
    page.click(f"#callback-{old} form.outcome button")
    page.wait_for_selector(".flash")
    assert page.locator(".flash").inner_text() == f"回电请求 {CALLBACK_REFERENCES[0]}：号码错误。"

    line = agent_line(phone)  # the operator takes the caller, who then rates the call "basically satisfied"
    line.ring()
    line.take(call)
    line.hang_up()
    leave_queue(call, "bridged")
    call.press("2")
    page.goto(live_server + "/console/?range=today")
    page.wait_for_selector("#service")
    assert page.locator("#service").inner_text() == "回电与满意度"
    assert "基本满意" in page.locator("#ratings-by-day").inner_text()
    screenshot(page, "zh-dashboard")
