"""Without a pool pre-ping, a connection the server dropped costs the caller nothing: the step runs again."""

import io

import pytest
from sqlalchemy import create_engine, text

from ivr import create_app
from ivr.directory.cardholder_csv import import_csv
from ivr.store import db
from tests.support.app import holders_csv
from tests.support.calls import keys_for
from tests.support.known import HOLDERS, TOKEN


@pytest.fixture
def pg_only_app(app_config, clock, fresh_schema):
    app = create_app({**app_config, "DATABASE_URL": fresh_schema("w15_dropped")})
    with app.app_context(), db.new_session() as session:
        assert not import_csv(session, io.StringIO(holders_csv(*HOLDERS)), app.config).rejected
    yield app
    db.engine.dispose()


def test_a_dropped_connection_is_replaced_without_an_apology(pg_only_app, pg_server, make_phone):
    phone = make_phone(pg_only_app.test_client(), TOKEN)
    call = phone.dial(language="en").press("1")
    with pg_only_app.app_context():
        pids = [db.session.scalar(text("SELECT pg_backend_pid()"))]
    killer = create_engine(pg_server.replace("postgresql://", "postgresql+psycopg://", 1))
    with killer.begin() as connection:
        connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pids[0]})
    killer.dispose()
    call.press(keys_for(HOLDERS["zhang"]))
    assert "sorry" not in call.heard.lower() and "5, 0, 0, 2" not in call.heard
    assert "0, 0, 2, X" in call.heard or "002X" in call.heard.replace(", ", "")
