"""In a real browser, in Chinese (the console's default): a supervisor gives an outlet its English name and address."""

from sqlalchemy import select

from ivr.store import Outlet, db
from tests.support.console import make_operator
from tests.support.known import PASSWORD


def test_a_supervisor_types_an_outlets_english_name_and_sees_it_kept(
    app, outlets, live_server, browser_context, screenshot
):
    make_operator(app, "hua", "supervisor", language="zh")
    blocked = []
    page = browser_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(15000)
    page.on("console", lambda message: "Content Security Policy" in message.text and blocked.append(message.text))
    page.goto(live_server + "/console/sign-in")
    page.fill("input[name=name]", "hua")
    page.fill("input[name=password]", PASSWORD)
    page.click("#sign-in button[type=submit]")
    page.click("nav >> text=服务网点")
    row = page.locator("tr[data-outlet=BJ-CY-01]")
    row.locator("input[name=name_en]").fill("Chaoyang Card Hall")
    row.locator("input[name=address_en]").fill("")
    row.locator("button[type=submit]").click()
    page.wait_for_selector("[role=alert]")
    assert "英文名称和英文地址须同时填写" in page.inner_text("[role=alert]")
    screenshot(page, "outlets-refused-zh")
    row = page.locator("tr[data-outlet=BJ-CY-01]")
    row.locator("input[name=address_en]").fill("9 Gongti Road, Chaoyang, Beijing")
    row.locator("button[type=submit]").click()
    page.wait_for_selector(".flash")
    assert "已保存网点 BJ-CY-01 的英文名称和地址" in page.inner_text(".flash")
    assert row.locator("input[name=name_en]").input_value() == "Chaoyang Card Hall"
    button = row.locator("button[type=submit]").bounding_box()
    assert button["x"] + button["width"] <= 1280  # the Save button fits at 1280 px
    screenshot(page, "outlets-saved-zh")
    assert blocked == []
    with app.app_context(), db.new_session() as session:
        saved = session.scalar(select(Outlet).where(Outlet.code == "BJ-CY-01"))
        assert saved.address_en == "9 Gongti Road, Chaoyang, Beijing"
