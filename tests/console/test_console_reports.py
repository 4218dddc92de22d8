"""The daily and monthly service-level reports: on screen, as an Excel workbook, as CSV and from the CLI,
in Mandarin (the default) and English, on the hand-made day of tests/support/service_day.py."""

import csv
import io

import openpyxl
import pytest

from ivr.store import db
from tests.support.console import make_operator, sign_in
from tests.support.service_day import seed_day
from tests.support.tables import by_first_cell, table_rows


@pytest.fixture
def day(app):
    with app.app_context(), db.new_session() as session:
        seed_day(session)


@pytest.fixture
def signed_in(app, client):
    def as_(language):
        make_operator(app, f"lead_{language}", "supervisor", language=language)
        sign_in(client, f"lead_{language}")
        return client

    return as_


def test_the_daily_report_in_english(day, signed_in):
    html = signed_in("en").get("/console/reports/daily?day=2026-11-25").get_data(as_text=True)
    summary = by_first_cell(table_rows(html, "view-summary"))
    assert summary["Answer rate"]["Value"]["data-value"] == "0.6"
    assert summary["Answer rate"]["Value"]["text"] == "60.0 %"
    assert summary["Service level"]["Value"]["text"] == "40.0 %"
    assert summary["Abandonment rate"]["Value"]["text"] == "20.0 %"
    assert summary["Longest wait (s)"]["Value"]["text"] == "120"
    assert summary["Self-service rate"]["Value"]["text"] == "50.0 %"
    assert summary["Satisfaction"]["Value"]["text"] == "75.0 %"
    hours = by_first_cell(table_rows(html, "view-hours"))
    assert len(hours) == 24 and hours["09:00"]["Service level"]["text"] == "100.0 %"
    assert hours["10:00"]["Abandoned in queue"]["text"] == "1" and hours["03:00"]["Answer rate"]["text"] == "–"
    operators = by_first_cell(table_rows(html, "view-operators"))
    assert operators["hua"]["Average handle time (s)"]["text"] == "250"
    assert operators["ming"]["Satisfaction"]["text"] == "100.0 %"
    wrapups = by_first_cell(table_rows(html, "view-wrapups"))
    assert wrapups["Solved"]["Conversations"]["text"] == "2"


def test_the_monthly_report_in_mandarin(day, signed_in):
    html = signed_in("zh").get("/console/reports/monthly?month=2026-11").get_data(as_text=True)
    days = by_first_cell(table_rows(html, "view-days"))
    assert len(days) == 30 and days["2026-11-25"]["接通率"]["text"] == "60.0 %"
    assert days["2026-11-24"]["来电数"]["text"] == "1" and days["2026-11-24"]["接通率"]["text"] == "–"
    assert "月报" in html


def test_the_workbook_has_a_sheet_per_view_with_chinese_headers_and_numbers(day, signed_in):
    response = signed_in("zh").get("/console/reports.xlsx?first=2026-11-01&last=2026-11-30")
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["汇总", "按日", "按小时", "按月", "按座席", "小结代码"]
    days = list(book["按日"].iter_rows(values_only=True))
    assert days[0][:3] == ("日期", "来电数", "自助办结率")
    (row,) = [r for r in days if r[0] == "2026-11-25"]
    heading = list(days[0])
    assert row[heading.index("接通率")] == 0.6 and row[heading.index("已接通")] == 3
    cell = book["按日"].cell(row=days.index(row) + 1, column=heading.index("服务水平") + 1)
    assert cell.value == 0.4 and cell.number_format == "0.0%"


def test_a_csv_per_view(day, signed_in):
    client = signed_in("en")
    text = client.get("/console/reports.csv?first=2026-11-25&last=2026-11-25&view=hours").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:2] == ["Hour", "Calls"] and "Answer rate (%)" in rows[0]
    nine = rows[10]
    assert nine[0] == "09:00" and nine[rows[0].index("Service level (%)")] == "100.0"
    assert client.get("/console/reports.csv?view=nope").status_code == 400


@pytest.mark.parametrize(
    "url",
    ["/console/reports/monthly?month=2026-13", "/console/reports/daily?day=yesterday", "/console/reports?first=x"],
)
def test_bad_dates_get_a_clear_answer(signed_in, url):
    response = signed_in("en").get(url)
    assert response.status_code == 400 and "range" in response.get_data(as_text=True)


def test_the_cli_writes_the_same_workbook(app, day, signed_in, runner, tmp_path):
    out = tmp_path / "november.xlsx"
    result = runner.invoke(args=["report", "--from", "2026-11-01", "--to", "2026-11-30", "--out", str(out)])
    assert result.exit_code == 0, result.output
    downloaded = signed_in("zh").get("/console/reports.xlsx?first=2026-11-01&last=2026-11-30").data
    written, served = openpyxl.load_workbook(out), openpyxl.load_workbook(io.BytesIO(downloaded))
    assert written.sheetnames == served.sheetnames
    for name in written.sheetnames:
        assert list(written[name].iter_rows(values_only=True)) == list(served[name].iter_rows(values_only=True))


def test_the_cli_refuses_bad_dates_and_writes_nothing(app, runner, tmp_path):
    out = tmp_path / "x.csv"
    result = runner.invoke(
        args=["report", "--from", "2026-11-30", "--to", "2026-11-01", "--format", "csv", "--out", str(out)]
    )
    assert result.exit_code == 2 and "from must be on or before to" in result.output and not out.exists()
