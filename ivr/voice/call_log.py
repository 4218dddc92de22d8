"""What a call's own log says back to its flows: what the caller last heard, read from its events."""

from functools import lru_cache

from sqlalchemy import bindparam, select

from ivr.store import CallEvent


@lru_cache(maxsize=16)
def newest_of(kinds):
    """The newest event of these kinds in one call's log: built once per set of kinds (a statement
    executed again skips SQLAlchemy's cache-key walk; ivr/voice/calls.BY_SID)."""
    return (
        select(CallEvent.kind)
        .where(CallEvent.call_id == bindparam("call_id"), CallEvent.kind.in_(kinds))
        .order_by(CallEvent.id.desc())
        .limit(1)
    )


def last_kind(session, call, kinds):
    """Which of `kinds` the call's log holds last, or None."""
    return session.scalar(newest_of(tuple(kinds)), {"call_id": call.id})


def details(session, call, kind):
    """The details of the call's events of this kind, newest first."""
    statement = (
        select(CallEvent.detail)
        .where(CallEvent.call_id == call.id, CallEvent.kind == kind)
        .order_by(CallEvent.id.desc())
    )
    return session.scalars(statement).all()
