"""A call's row and its log are written by calls.write_held just before a commit (the step runner,
the queue and status hooks, the console's wrap-up); a commit whose path forgot it fails rather than
dropping the caller's events."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from ivr.store import Call, CallEvent
from ivr.voice import calls


@pytest.fixture
def held(session, clock):
    """A stored call, found as a webhook finds it, with one event recorded and its step changed."""
    session.add(Call(call_sid="CA" + "7" * 32, started_at=clock.now - timedelta(minutes=1)))
    session.commit()
    call = calls.find(session, "CA" + "7" * 32, lock=True)
    calls.enter(session, call, "outlets_area", now=clock.now)
    return call


def test_what_write_held_writes_is_there_after_the_commit(session, held):
    calls.write_held(session)
    session.commit()
    assert session.scalars(select(CallEvent.kind).where(CallEvent.call_id == held.id)).all() == ["step_entered"]
    assert session.scalar(select(Call.step).where(Call.id == held.id)) == "outlets_area"


def test_a_commit_that_forgot_write_held_fails_and_writes_nothing(session, held):
    with pytest.raises(calls.Unwritten):
        session.commit()
    session.rollback()
    assert session.scalars(select(CallEvent.kind).where(CallEvent.call_id == held.id)).all() == []
    assert session.scalar(select(Call.step).where(Call.id == held.id)) != "outlets_area"
