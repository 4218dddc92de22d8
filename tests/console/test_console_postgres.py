"""The dashboard and call log on PostgreSQL: the same hand-counted figures as on SQLite."""

import csv
import io
import os

import pytest

from ivr import create_app
from ivr.console import call_filters, calllog, figures
from ivr.console.ranges import last_days
from ivr.directory.cardholder_csv import import_csv
from ivr.store import db
from tests.support.app import holders_csv
from tests.support.console import add_callback_on_a_call, make_operator, parse_page, read_page, seed, sign_in
from tests.support.known import HOLDERS, SEVEN_DAYS, SEVEN_DAYS_FUNNEL, SEVEN_DAYS_PER_HOUR, START

URL = os.environ.get("TEST_DATABASE_URL", "")
pytestmark = pytest.mark.skipif(
    not URL.startswith("postgresql"), reason="TEST_DATABASE_URL does not point at a PostgreSQL database"
)


SCHEMA = "console_tests"


@pytest.fixture
def pg_app(app_config, clock, fresh_schema):
    """The app on a PostgreSQL schema of these tests' own (other tests' tables are left alone)."""
    app = create_app({**app_config, "DATABASE_URL": fresh_schema(SCHEMA)})
    with app.app_context(), db.new_session() as session:
        import_csv(session, io.StringIO(holders_csv(*HOLDERS)), app.config)
    with app.app_context(), db.new_session() as session:
        seed(session)
    yield app
    db.engine.dispose()


def test_figures_on_postgresql_match_the_hand_count(pg_app):
    with pg_app.app_context(), db.new_session() as session:
        fig = figures.compute(session, last_days(7, START, "Asia/Shanghai"))
    assert {name: getattr(fig, name) for name in SEVEN_DAYS} == SEVEN_DAYS
    assert {h: n for h, n in enumerate(fig.per_hour) if n} == SEVEN_DAYS_PER_HOUR
    assert {key: n for key, _, n in fig.funnel} == SEVEN_DAYS_FUNNEL


def test_call_log_and_csv_on_postgresql(pg_app):
    make_operator(pg_app, "ming", "operator")
    client = pg_app.test_client()
    sign_in(client, "ming")
    with pg_app.app_context(), db.new_session() as session:
        flt = call_filters.parse_filter({"outcome": "abandoned"}, last_days(7, START, "Asia/Shanghai"))
        rows, more = calllog.list_calls(session, flt)
    assert [r["step"] for r in rows] == ["password", "language"] and not more
    with client.get("/console/calls.csv?range=7d&outcome=abandoned") as response:  # closing ends the stream
        text_ = response.get_data(as_text=True)
    exported = list(csv.DictReader(io.StringIO(text_.lstrip("\ufeff"))))
    assert [r["Started"] for r in exported] == ["2026-11-22T23:30:00+08:00", "2026-11-25T09:40:00+08:00"]


def test_a_callback_reference_is_listed_shown_on_its_call_and_found_on_postgresql(pg_app):
    call_id, asked_id = add_callback_on_a_call(pg_app, "0420815")
    make_operator(pg_app, "ming", "operator")
    client = pg_app.test_client()
    sign_in(client, "ming")
    (row,) = read_page(client, "/console/callbacks").text_of(id=f"callback-{asked_id}")
    assert row.split()[0] == "0420815"  # its leading zero kept
    token = read_page(client, "/console/search").csrf()
    found = client.post("/console/search", data={"csrf_token": token, "key": "reference", "value": "0420815"})
    assert found.status_code == 303 and found.headers["Location"].endswith(f"/calls/{call_id}#callback-{asked_id}")
    shown = parse_page(client.get(found.headers["Location"]).get_data(as_text=True))
    assert shown.text_of(id=f"callback-{asked_id}") == ["0420815 (Open)"]
