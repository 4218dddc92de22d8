"""In development the demo data makes both sides of the operator queue work as they come: a caller
pressing 0 waits in the queue, and the softphone's operator line (its own default number) takes them."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from ivr import create_app
from ivr.directory.demo import DEMO_OPERATOR_LINE, DEMO_OPERATOR_PIN
from ivr.softphone import Line, SoftCall
from ivr.softphone.queues import Switchboard
from ivr.softphone.transports import FlaskTransport, app_line_settings
from ivr.store import OperatorLine, db
from tests.support.known import TOKEN


def said(events):
    return " ".join(e["text"] for e in events if e["type"] == "say")


@pytest.fixture
def demo_app(app_config, tmp_path, clock):
    """The embedded development default: a fresh database, migrated and given demo data on start."""
    config = {**app_config, "DATABASE_URL": f"sqlite:///{tmp_path}/demo.sqlite3", "AUTO_MIGRATE": True}
    app = create_app({**config, "IVR_DEMO_DATA": True, "IVR_ENV": "development"})
    yield app
    db.engine.dispose()


def phone(app, board, caller, path):
    url, _ = app_line_settings(app)
    transport = FlaskTransport(app)
    return SoftCall(
        Line(transport, url=url.replace("/voice/incoming", path), token=TOKEN, caller=caller, switchboard=board)
    )


@pytest.mark.parametrize("hour", [3, 12, 22])  # Beijing time, on a weekday and at night: the demo queue is staffed
def test_the_demo_queue_takes_a_caller_to_the_demo_operator_line(demo_app, clock, hour):
    clock.now = clock.now.replace(hour=0) + timedelta(hours=hour - 8)  # UTC+8
    board = Switchboard()
    caller = phone(demo_app, board, "+8613912345678", "/voice/incoming")
    caller.ring()
    caller.press("1")  # Mandarin
    waiting = caller.press("0")  # an operator
    assert any(e["type"] == "enqueued" for e in waiting), said(waiting)
    operator = phone(demo_app, board, DEMO_OPERATOR_LINE, "/voice/agent")
    assert "座席密码" in said(operator.ring())  # the demo line proves itself with its PIN too
    heard = operator.press(DEMO_OPERATOR_PIN + "#")
    assert "下一位来电" in said(heard) and any(e["type"] == "connected" for e in heard), said(heard)
    assert caller.queued["bridged_to"] == operator.state["sid"]


def test_set_hours_and_queue_are_kept(app_config, tmp_path, clock):
    config = {**app_config, "DATABASE_URL": f"sqlite:///{tmp_path}/demo.sqlite3", "AUTO_MIGRATE": True}
    app = create_app({**config, "IVR_DEMO_DATA": True, "OPERATOR_HOURS": "Mon-Fri 09:00-12:00", "OPERATOR_QUEUE": ""})
    db.engine.dispose()
    assert app.config["OPERATOR_HOURS"] == "Mon-Fri 09:00-12:00" and app.config["OPERATOR_QUEUE"] == ""


def test_without_demo_data_or_outside_development_there_is_no_demo_desk(app_config, tmp_path, clock):
    config = {**app_config, "DATABASE_URL": f"sqlite:///{tmp_path}/prod.sqlite3", "AUTO_MIGRATE": True}
    production = {"IVR_ENV": "production", "SECRET_KEY": "a-real-secret", "PASSWORD_PEPPER": "1:" + "p" * 32}
    app = create_app({**config, **production, "IVR_DEMO_DATA": True})  # demo cardholders asked for, in production
    try:
        assert app.config["OPERATOR_QUEUE"] == "" and app.config["OPERATOR_HOURS"] == "Mon-Fri 08:30-17:30"
        with app.app_context(), db.new_session() as session:
            assert session.scalars(select(OperatorLine)).all() == []  # no known number hears who is waiting
    finally:
        db.engine.dispose()
    plain = create_app({**app_config, "IVR_DEMO_DATA": False})
    db.engine.dispose()
    assert plain.config["OPERATOR_QUEUE"] == "" and plain.config["OPERATOR_HOURS"] == "Mon-Fri 08:30-17:30"
