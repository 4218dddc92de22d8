"""Working callbacks: one operator at a time, outcomes, retries, overdue; the claim race on PostgreSQL."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from ivr.operators import callbacks
from ivr.store import CallbackRequest, Operator, db

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)


def seed(session, count=1):
    ops = [Operator(name=n, role="operator", password_hash="x") for n in ("hua", "ming")]
    session.add_all(ops)
    rows = [
        CallbackRequest(
            status="open", phone=f"+861380013800{i}", reason="closed", created_at=NOW, due_by=NOW + timedelta(hours=4)
        )
        for i in range(count)
    ]
    session.add_all(rows)
    session.commit()
    return [o.id for o in ops], [r.id for r in rows]


def test_one_operator_at_a_time_and_the_claim_lapses(session):
    (hua, ming), (rid,) = seed(session)
    callbacks.claim(session, rid, hua, now=NOW, hold_minutes=30)
    with pytest.raises(callbacks.ClaimRefused):
        callbacks.claim(session, rid, ming, now=NOW + timedelta(minutes=5), hold_minutes=30)
    callbacks.claim(session, rid, ming, now=NOW + timedelta(minutes=31), hold_minutes=30)
    session.expire_all()
    assert session.get(CallbackRequest, rid).claimed_by == ming


def test_the_console_sees_a_claim_lapse_when_claim_would_take_it(session):
    (hua, ming), (rid,) = seed(session)
    item = session.get(CallbackRequest, rid)
    assert callbacks.claim_lapsed(item, NOW, hold_minutes=30)
    callbacks.claim(session, rid, hua, now=NOW, hold_minutes=30)
    session.expire_all()
    assert not callbacks.claim_lapsed(item, NOW + timedelta(minutes=30), hold_minutes=30)
    assert callbacks.claim_lapsed(item, NOW + timedelta(minutes=31), hold_minutes=30)
    callbacks.claim(session, rid, ming, now=NOW + timedelta(minutes=31), hold_minutes=30)


def test_no_answer_is_retried_until_the_limit(session):
    (hua, _), (rid,) = seed(session)
    request = session.get(CallbackRequest, rid)
    for attempt in range(1, 4):
        callbacks.claim(session, rid, hua, now=NOW, hold_minutes=30)
        session.refresh(request)
        callbacks.record_outcome(session, request, hua, "no_answer", f"try {attempt}", now=NOW, max_attempts=3)
        assert request.claimed_by is None
    assert request.status == "unreached" and request.attempts == 3 and request.notes.count("try") == 3


def test_reached_closes_and_a_stranger_cannot_record(session):
    (hua, ming), (rid,) = seed(session)
    callbacks.claim(session, rid, hua, now=NOW, hold_minutes=30)
    request = session.get(CallbackRequest, rid)
    with pytest.raises(callbacks.ClaimRefused):
        callbacks.record_outcome(session, request, ming, "reached", "", now=NOW, max_attempts=3)
    callbacks.record_outcome(session, request, hua, "reached", "card replaced", now=NOW, max_attempts=3)
    assert (request.status, request.closed_by) == ("reached", hua)
    assert not callbacks.is_overdue(request, NOW + timedelta(days=1))
    assert callbacks.work_list(session) == []


@pytest.fixture
def pg_session(app_config, clock, fresh_schema):
    from ivr import create_app

    app = create_app({**app_config, "DATABASE_URL": fresh_schema("w14_callback_claims")})
    with app.app_context(), db.new_session() as session:
        yield app, session
    db.engine.dispose()


def test_two_operators_claiming_at_once_on_postgresql(pg_session):
    app, session = pg_session
    (hua, ming), ids = seed(session, count=20)
    wins = {hua: 0, ming: 0}
    barrier = threading.Barrier(2, timeout=30)

    def work(operator_id):
        with app.app_context(), db.new_session() as mine:
            for rid in ids:
                barrier.wait(timeout=10)
                try:
                    callbacks.claim(mine, rid, operator_id, now=NOW, hold_minutes=30)
                    mine.commit()
                    wins[operator_id] += 1
                except callbacks.ClaimRefused:
                    mine.rollback()

    threads = [threading.Thread(target=work, args=(o,)) for o in (hua, ming)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads)
    assert wins[hua] + wins[ming] == 20  # every request claimed exactly once
    session.expire_all()
    claimed = session.scalars(select(CallbackRequest.claimed_by)).all()
    assert sorted(claimed) == sorted([hua] * wins[hua] + [ming] * wins[ming])


def test_the_requests_counted_for_a_range_leave_out_drafts_and_other_days(session):
    """The dashboard's "callbacks requested" counts what callers finished asking for in the range."""
    kept = dict(phone="+8613800138000", reason="closed", due_by=NOW + timedelta(hours=4))
    session.add_all(
        [
            CallbackRequest(status="open", created_at=NOW, **kept),
            CallbackRequest(status="reached", created_at=NOW + timedelta(hours=1), closed_at=NOW, **kept),
            CallbackRequest(status="draft", created_at=NOW, **kept),  # the caller hung up before confirming
            CallbackRequest(status="open", created_at=NOW + timedelta(days=1), **kept),
        ]
    )
    session.commit()
    rows = callbacks.requested_between(session, NOW, NOW + timedelta(days=1))
    assert sorted(status for status, *_ in rows) == ["open", "reached"]
