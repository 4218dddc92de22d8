"""The dashboard's "put through to an operator": calls, not transfers, and by when the call started."""

from datetime import UTC, datetime, timedelta

from ivr.store import Call, CallEvent
from ivr.store.call_counts import transferred

START = datetime(2026, 11, 24, 16, tzinfo=UTC)  # a local day in Shanghai
END = START + timedelta(days=1)


def call_put_through(session, sid, started_at, *transfers_after):
    call = Call(call_sid=sid, from_number="+8613800138000", started_at=started_at)
    session.add(call)
    session.flush()
    for after in transfers_after:
        session.add(CallEvent(call_id=call.id, at=started_at + after, step="menu", kind="operator_transfer"))


def test_a_call_put_through_twice_counts_once_and_the_day_it_started_decides(session):
    call_put_through(session, "CA1", START + timedelta(hours=2), timedelta(minutes=1), timedelta(minutes=6))
    call_put_through(session, "CA2", START - timedelta(minutes=5), timedelta(minutes=10))  # began the day before
    call_put_through(session, "CA3", END - timedelta(minutes=1), timedelta(minutes=3))  # put through after midnight
    session.commit()
    assert transferred(session, START, END) == 2
