"""Migration 0018: callback requests stored before it get distinct 7-digit references, and it goes
back down with the rows intact, on both databases."""

import re
from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

from ivr.store.migrate import alembic_config, upgrade

BEFORE = "0017_service_hours"
AT = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def requests_stored_before(url):
    """Before 0018: a call and three requests from it (open, closed, draft)."""
    upgrade(url, BEFORE)
    engine = create_engine(url)
    at = AT.replace(tzinfo=None) if engine.dialect.name == "sqlite" else AT
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO calls (id, call_sid, from_number, language, step, turn, step_failures, verify_failures,"
                " password_ok, verified, started_at) VALUES (1, 'CA1', '', 'zh', 'menu', 0, 0, 0, false, false, :at)"
            ),
            {"at": at},
        )
        for id_, status in ((1, "open"), (2, "done"), (3, "draft")):
            conn.execute(
                text(
                    "INSERT INTO callback_requests (id, call_id, created_at, status, phone, language, verified,"
                    " reason, came_from, times_asked, attempts, notes)"
                    " VALUES (:id, 1, :at, :status, '+8613800138000', 'zh', false, 'closed', '', 1, 0, '')"
                ),
                {"id": id_, "at": at, "status": status},
            )
    return engine


def references(engine):
    with engine.connect() as conn:
        return conn.execute(text("SELECT id, reference FROM callback_requests ORDER BY id")).all()


def columns(engine):
    with engine.connect() as conn:
        return set(conn.execute(text("SELECT * FROM callback_requests")).keys())


def up_and_down(url):
    engine = requests_stored_before(url)
    upgrade(url)
    found = references(engine)
    assert [id_ for id_, _ in found] == [1, 2, 3]
    given = [reference for _, reference in found]
    assert all(re.fullmatch(r"[0-9]{7}", reference) for reference in given)
    assert len(set(given)) == 3
    with pytest.raises(IntegrityError), engine.begin() as conn:  # the column refuses a reference twice
        conn.execute(text("UPDATE callback_requests SET reference = :r WHERE id = 2"), {"r": given[0]})
    command.downgrade(alembic_config(url), BEFORE)
    assert "reference" not in columns(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT id, status FROM callback_requests ORDER BY id")).all() == [
            (1, "open"),
            (2, "done"),
            (3, "draft"),
        ]
    upgrade(url)  # and up again: every row gets one once more
    assert all(reference for _, reference in references(engine))
    engine.dispose()


def test_sqlite(tmp_path):
    up_and_down(f"sqlite:///{tmp_path}/m.sqlite3")


@pytest.mark.usefixtures("clock")
def test_postgresql(fresh_schema):
    up_and_down(fresh_schema("w27_callback_reference", migrate=False))
