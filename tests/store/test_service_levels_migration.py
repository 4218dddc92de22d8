"""Migration 0013: queue stays that ended before it get their wait and talk seconds, on both databases."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, text

from ivr.store.migrate import upgrade

JOINED = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


def stays(url):
    """Before 0013: one answered stay (30 s wait, 200 s talk), one abandoned after 90 s, one still open."""
    upgrade(url, "0010_token_outlet")
    engine = create_engine(url)
    naive = engine.dialect.name == "sqlite"

    def at(seconds):
        moment = JOINED + timedelta(seconds=seconds)
        return moment.replace(tzinfo=None) if naive else moment

    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO calls (id, call_sid, from_number, language, step, turn, step_failures, verify_failures,"
                " password_ok, verified, started_at) VALUES (1, 'CA1', '', 'zh', 'menu', 0, 0, 0, false, false, :at)"
            ),
            {"at": at(0)},
        )
        for id_, bridged, left in ((1, at(30), at(230)), (2, None, at(90)), (3, None, None)):
            conn.execute(
                text(
                    "INSERT INTO queue_visits (id, call_id, queue_name, came_from, enqueued_at, bridged_at, left_at)"
                    " VALUES (:id, 1, 'q', '', :joined, :bridged, :left)"
                ),
                {"id": id_, "joined": at(0), "bridged": bridged, "left": left},
            )
    upgrade(url)
    with engine.connect() as conn:
        found = conn.execute(text("SELECT id, wait_s, talk_s FROM queue_visits ORDER BY id")).all()
    engine.dispose()
    return [tuple(row) for row in found]


def test_sqlite(tmp_path):
    assert stays(f"sqlite:///{tmp_path}/m.sqlite3") == [(1, 30, 200), (2, 90, None), (3, None, None)]


@pytest.mark.usefixtures("clock")
def test_postgresql(fresh_schema):
    assert stays(fresh_schema("w29_backfill", migrate=False)) == [(1, 30, 200), (2, 90, None), (3, None, None)]
