"""Supervisors give an outlet its English name and address in the console (Chinese first), audited;
a refused form says why and changes nothing."""

import pytest
from sqlalchemy import select

from ivr.directory.outlets import named_for
from ivr.store import AuditEntry, Outlet
from tests.support.console import make_operator, parse_page, sign_in, stored

CY = "BJ-CY-01"


@pytest.fixture
def hua(app, client, outlets):
    """A signed-in supervisor whose console speaks Mandarin (the default), over the demo outlets."""
    make_operator(app, "hua", "supervisor", language="zh")
    sign_in(client, "hua")
    return client


def outlet(app, code, *, stored):
    [found] = stored(app, select(Outlet).where(Outlet.code == code))
    return found


def save(client, code, *, parse_page, **fields):
    token = parse_page(client.get("/console/outlets").get_data(as_text=True)).csrf()
    return client.post(f"/console/outlets/{code}/english", data={**fields, "csrf_token": token})


def test_the_outlets_page_shows_each_outlet_with_its_english_form_in_chinese(hua):
    page = parse_page(hua.get("/console/outlets").get_data(as_text=True))
    assert page.find(id="outlets")
    row = page.text_of(data_outlet=CY)[0]
    assert "朝阳" in row and "英文名称" in row and "英文地址" in row and "保存" in row
    assert {e["attrs"]["maxlength"] for e in page.find(name="name_en")} == {"200"}
    assert {e["attrs"]["maxlength"] for e in page.find(name="address_en")} == {"300"}
    assert page.find(href="/console/outlets")  # the supervisor's menu leads here
    assert "留空则使用中文名称和地址" in page.text_of(id="english-hint")[0]


def test_a_supervisor_saves_an_english_name_and_address_that_english_callers_then_get(app, hua):
    response = save(hua, CY, name_en=" Chaoyang Card Hall ", address_en="9 Gongti Road, Beijing", parse_page=parse_page)
    assert response.status_code == 302
    saved = outlet(app, CY, stored=stored)
    assert named_for(saved, "en") == ("Chaoyang Card Hall", "9 Gongti Road, Beijing", "en")
    [entry] = stored(app, select(AuditEntry).where(AuditEntry.action == "outlet_english"))
    assert (entry.operator, entry.target, entry.detail) == ("hua", CY, "Chaoyang Card Hall")
    after = parse_page(hua.get(response.headers["Location"]).get_data(as_text=True))
    assert f"已保存网点 {CY} 的英文名称和地址。" in after.text_of(role="status")
    assert "Chaoyang Card Hall" in [e["attrs"].get("value") for e in after.find(name="name_en")]
    audit = hua.get("/console/audit").get_data(as_text=True)
    assert "修改网点英文名称和地址" in audit


def test_both_left_empty_english_callers_get_the_name_as_written(app, hua):
    assert save(hua, CY, name_en="", address_en="", parse_page=parse_page).status_code == 302
    saved = outlet(app, CY, stored=stored)
    assert named_for(saved, "en") == (saved.name, saved.address, "zh")


@pytest.mark.parametrize(
    "name_en, address_en, said",
    [
        ("Chaoyang Card Hall", "", "英文名称和英文地址须同时填写，或同时留空。"),
        ("", "9 Gongti Road", "英文名称和英文地址须同时填写，或同时留空。"),
        ("Chaoyang 社保卡 Hall", "9 Gongti Road", "不能含汉字"),
        ("Chaoyang Card Hall", "9 Gongti Road\nBeijing", "各只能写一行"),
        ("C" * 201, "9 Gongti Road", "英文名称最多 200 个字符"),
        ("Chaoyang Card Hall", "9" * 301, "英文地址最多 300 个字符"),
    ],
)
def test_a_refused_english_name_says_why_and_changes_nothing(app, hua, name_en, address_en, said):
    before = outlet(app, CY, stored=stored)
    response = save(hua, CY, name_en=name_en, address_en=address_en, parse_page=parse_page)
    assert response.status_code == 400
    page = parse_page(response.get_data(as_text=True))
    [alert] = page.text_of(role="alert")
    assert alert.startswith(f"网点 {CY} 未作修改") and said in alert
    after = outlet(app, CY, stored=stored)
    assert (after.name_en, after.address_en) == (before.name_en, before.address_en)
    assert not stored(app, select(AuditEntry).where(AuditEntry.action == "outlet_english"))
    typed = [e["attrs"].get("value") for e in page.find(name="name_en")]
    assert name_en in typed  # what was typed stays in the form, to correct


def test_an_operator_who_is_not_a_supervisor_cannot_change_an_outlet(app, client, outlets):
    make_operator(app, "ming", "operator")
    sign_in(client, "ming")
    assert client.get("/console/outlets").status_code == 403
    before = outlet(app, CY, stored=stored)
    token = parse_page(client.get("/console/").get_data(as_text=True)).csrf()
    data = {"name_en": "X", "address_en": "Y", "csrf_token": token}
    assert client.post(f"/console/outlets/{CY}/english", data=data).status_code == 403
    assert outlet(app, CY, stored=stored).name_en == before.name_en


def test_an_unknown_outlet_is_not_found(hua):
    assert save(hua, "NO-SUCH", name_en="A", address_en="B", parse_page=parse_page).status_code == 404
    assert save(hua, "X" * 40, name_en="A", address_en="B", parse_page=parse_page).status_code == 404
