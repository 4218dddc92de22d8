"""The cancel and outlet flows on PostgreSQL, where row locks are real (needs TEST_DATABASE_URL)."""

import io
import os

import pytest
from sqlalchemy import select

from ivr import create_app
from ivr.directory.cardholder_csv import import_csv
from ivr.store import OutgoingMessage, PrelossReport, db
from tests.support.app import holders_csv
from tests.support.calls import file_report, identified
from tests.support.known import HOLDERS, OUTLETS_CSV, TOKEN

URL = os.environ.get("TEST_DATABASE_URL")
pytestmark = pytest.mark.skipif(not URL, reason="TEST_DATABASE_URL is not set (a PostgreSQL database to use)")


SCHEMA = "menu_tests"


@pytest.fixture
def menu_pg_app(app_config, clock, fresh_schema):
    """The app on a PostgreSQL schema of these tests' own (other tests' tables are left alone)."""
    app = create_app({**app_config, "DATABASE_URL": fresh_schema(SCHEMA)})
    with app.app_context(), db.new_session() as session:
        assert not import_csv(session, io.StringIO(holders_csv(*HOLDERS)), app.config).rejected
    yield app
    db.engine.dispose()


def test_cancel_and_outlets_on_postgresql(menu_pg_app, tmp_path, make_phone):
    phone = make_phone(menu_pg_app.test_client(), TOKEN)
    file_report(phone, HOLDERS["zhang"])
    identified(phone, HOLDERS["zhang"], "cancel").press("1")
    path = tmp_path / "outlets.csv"
    path.write_text(OUTLETS_CSV, encoding="utf-8")
    assert menu_pg_app.test_cli_runner().invoke(args=["import-outlets", str(path)]).exit_code == 0
    call = phone.dial(language="zh")
    call.press("4")
    call.press("110105#")
    assert "朝阳区社会保障卡服务中心" in call.heard
    with menu_pg_app.app_context(), db.new_session() as session:
        assert session.scalar(select(PrelossReport.status)) == "cancelled"
        kinds = session.scalars(select(OutgoingMessage.kind).where(OutgoingMessage.state == "pending")).all()
        assert kinds == ["preloss_cancelled"]


def test_two_calls_cancelling_the_same_report_at_once(menu_pg_app, make_phone):
    import threading

    from ivr.store import CardEvent

    phone = make_phone(menu_pg_app.test_client(), TOKEN)
    file_report(phone, HOLDERS["li"], "en")
    calls = [identified(make_phone(menu_pg_app.test_client(), TOKEN), HOLDERS["li"], "cancel", "en") for _ in range(2)]
    start = threading.Barrier(2, timeout=30)

    def press(call):
        start.wait()
        call.press("1")

    threads = [threading.Thread(target=press, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    heard = sorted("works again" in call.heard and "already cancelled" not in call.heard for call in calls)
    assert heard == [False, True]
    assert any("was already cancelled" in call.heard for call in calls)
    with menu_pg_app.app_context(), db.new_session() as session:
        moves = session.scalars(select(CardEvent.to_state).where(CardEvent.from_state == "preloss")).all()
        sms = session.scalars(select(OutgoingMessage.kind).where(OutgoingMessage.kind == "preloss_cancelled")).all()
    assert moves == ["active"] and len(sms) == 1
