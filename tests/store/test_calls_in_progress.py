"""The console's live page lists the calls in progress (ivr/store/live.py): a call whose status
callback was lost must not sit there for ever."""

from datetime import UTC, datetime, timedelta

from ivr.console.live import STALE_AFTER
from ivr.store import Call
from ivr.store.live import calls_in_progress

NOW = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)


def test_only_calls_still_going_and_not_stale_are_in_progress(session):
    session.add_all(
        [
            Call(call_sid="CA-talking", started_at=NOW - timedelta(minutes=5), step="menu"),
            Call(call_sid="CA-just-rang", started_at=NOW - timedelta(seconds=2)),
            Call(call_sid="CA-ended", started_at=NOW - timedelta(minutes=9), ended_at=NOW - timedelta(minutes=1)),
            Call(call_sid="CA-decided", started_at=NOW - timedelta(minutes=3), outcome="abandoned"),
            Call(call_sid="CA-lost-callback", started_at=NOW - STALE_AFTER - timedelta(minutes=1)),
        ]
    )
    session.commit()
    rows = calls_in_progress(session, NOW, STALE_AFTER)
    assert [(r.call_sid, r.step) for r in rows] == [("CA-talking", "menu"), ("CA-just-rang", "language")]
