"""The console speaks Mandarin first and English second, remembers each operator's choice, and
writes dates as each language does."""

import csv
import io

from sqlalchemy import select

from ivr.store import Operator
from tests.support.console import make_operator, parse_page, sign_in, stored


def switch(client, language, back="/console/", *, parse_page):
    token = parse_page(client.get("/console/sign-in" if back is None else back).get_data(as_text=True)).csrf()
    return client.post("/console/language", data={"csrf_token": token, "language": language, "next": back or ""})


def test_sign_in_is_in_mandarin_until_english_is_chosen(client):
    page = client.get("/console/sign-in").get_data(as_text=True)
    assert "<h1>登录</h1>" in page and 'lang="zh-CN"' in page
    switch(client, "en", back=None, parse_page=parse_page)
    assert "<h1>Sign in</h1>" in client.get("/console/sign-in").get_data(as_text=True)


def test_an_operator_s_choice_is_kept_on_the_account(app, client, history):
    make_operator(app, "lan", "supervisor", language="zh")
    sign_in(client, "lan")
    assert "通话记录" in client.get("/console/calls?range=7d").get_data(as_text=True)
    response = switch(client, "en", back="/console/calls?range=7d", parse_page=parse_page)
    assert response.headers["Location"].endswith("/console/calls?range=7d")
    assert stored(app, select(Operator.language).where(Operator.name == "lan")) == ["en"]
    token = parse_page(client.get("/console/").get_data(as_text=True)).csrf()
    client.post("/console/sign-out", data={"csrf_token": token})
    other = app.test_client()  # another browser: the account remembers
    sign_in(other, "lan")
    assert "Call log" in other.get("/console/calls?range=7d").get_data(as_text=True)


def test_codes_are_words_in_mandarin(app, client, history):
    make_operator(app, "lan", "supervisor", language="zh")
    sign_in(client, "lan")
    calls = parse_page(client.get("/console/calls?first=2026-11-19&last=2026-11-25").get_data(as_text=True))
    outcomes = [e["text"].strip() for e in calls.elements if e["attrs"].get("class") == "outcome"]
    assert "已挂失" in outcomes and "来电人挂机" in outcomes and not any("_" in o for o in outcomes)
    card = client.get(f"/console/cards/{history['report_card']}").get_data(as_text=True)
    assert "临时挂失（暂停使用）" in card and ">preloss<" not in card


def test_dates_are_written_as_each_language_writes_them(app, client, history):
    make_operator(app, "lan", "operator", language="zh")
    sign_in(client, "lan")
    timeline = parse_page(client.get(f"/console/calls/{history['first_call']}").get_data(as_text=True))
    facts = " ".join(e["text"] for e in timeline.find(**{"class": "facts"}))
    assert "2026年11月25日 09:10:00" in facts
    switch(client, "en", parse_page=parse_page)
    timeline = parse_page(client.get(f"/console/calls/{history['first_call']}").get_data(as_text=True))
    assert "Nov 25, 2026, 9:10:00\u202fAM" in " ".join(e["text"] for e in timeline.find(**{"class": "facts"}))


def test_error_pages_and_csv_headers_are_in_mandarin(app, client, history):
    make_operator(app, "lan", "operator", language="zh")
    sign_in(client, "lan")
    missing = client.get("/console/calls/999999")
    assert missing.status_code == 404 and "没有这个编号的通话。" in missing.get_data(as_text=True)
    forbidden = client.get("/console/audit")
    assert forbidden.status_code == 403 and "只有主管可以执行此操作。" in forbidden.get_data(as_text=True)
    text = client.get("/console/calls.csv?first=2026-11-19&last=2026-11-25").get_data(as_text=True)
    header = next(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert header[:4] == ["通话", "开始时间", "时长（秒）", "来电号码"]


def test_the_front_door_says_what_this_server_is(client):
    html = client.get("/").get_data(as_text=True)
    page = parse_page(html)
    assert page.find(id="to-console")[0]["attrs"]["href"] == "/console/"
    assert page.find(id="to-softphone")[0]["attrs"]["href"] == "/softphone"
    assert "96102" in html and "社会保障卡电话挂失热线" in html


def test_the_front_door_hides_the_softphone_in_production(app):
    app.config["IVR_ENV"] = "production"
    page = parse_page(app.test_client().get("/").get_data(as_text=True))
    assert page.find(id="to-console") and not page.find(id="to-softphone")


def test_python_app_py_says_where_to_go(app):
    from ivr.console.front import start_banner

    text = start_banner(app, "127.0.0.1", 5000)
    assert "http://127.0.0.1:5000/console/" in text and "http://127.0.0.1:5000/softphone" in text
    app.config["IVR_ENV"] = "production"
    assert "softphone" not in start_banner(app, "0.0.0.0", 8000)
