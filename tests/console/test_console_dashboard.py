"""The dashboard as an operator reads it: the hand-counted figures, links that agree with the call
log, the figures CSV, a page that fits a tablet, and a plain page when something breaks."""

import csv
import io

from tests.support.console import parse_page, read_page
from tests.support.known import SEVEN_DAYS


def test_dashboard_shows_the_hand_counted_figures(operator):
    shown = read_page(operator, "/console/?range=7d")
    for name in ("calls", "unique_callers", "reports_filed", "abandoned", "lockouts", "sms_failed"):
        assert shown.text_of(data_figure=name) == [str(SEVEN_DAYS[name])]
    assert shown.text_of(data_figure="self_service_rate") == ["36.4%"]
    assert shown.text_of(data_figure="p90_duration_s") == ["150 s"]
    hours = {e["attrs"]["data-hour"]: int(e["attrs"]["data-count"]) for e in shown.having("data-hour")}
    assert hours["9"] == 3 and sum(hours.values()) == 11


def test_dashboard_links_agree_with_the_call_log(operator):
    shown = read_page(operator, "/console/?range=7d")
    link = shown.find(data_figure="abandoned")[0]["attrs"]["href"]
    listed = parse_page(operator.get(link).get_data(as_text=True)).having("data-call-id")
    assert len(listed) == SEVEN_DAYS["abandoned"]


def test_figures_csv_matches_the_dashboard(operator):
    text = operator.get("/console/figures.csv?range=7d").get_data(as_text=True)
    figures = {code: value for code, _what, value in csv.reader(io.StringIO(text.lstrip("\ufeff")))}
    assert figures["calls"] == "11" and figures["sms_delivered"] == "1" and figures["funnel:filed"] == "2"
    assert figures["hour:09"] == "3" and figures["day:2026-11-24"] == "3"


def test_pages_fit_a_tablet(operator):
    shown = read_page(operator, "/console/?range=7d")
    assert shown.find(name="viewport")
    response = operator.get("/console/static/console.css")
    css = response.get_data(as_text=True)
    response.close()
    assert "@media (max-width" in css


def test_an_unexpected_error_gets_a_plain_page_without_a_trace(operator, monkeypatch):
    from ivr.console import figures

    def broken(session, days):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(figures, "compute", broken)
    response = operator.get("/console/?range=7d")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "secret detail" not in body and "Traceback" not in body
    assert parse_page(body).find(role="alert")
