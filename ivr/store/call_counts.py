"""The dashboard's counts of calls over a time range [start, end) of when they started: grouped in
the database so a year is a few hundred rows. ivr/console/figures.py turns them into figures."""

from datetime import timedelta

from sqlalchemy import distinct, func, select

from ivr.store.calls import Call, CallEvent
from ivr.store.service_rows import hour_of


def started_between(start, end):
    return (Call.started_at >= start, Call.started_at < end)


def by_kind(session, start, end):
    """(purpose, outcome, step, language, verified, calls, failed verifications) in one grouped scan."""
    return session.execute(
        select(
            Call.purpose,
            Call.outcome,
            Call.step,
            Call.language,
            Call.verified,
            func.count(),
            func.coalesce(func.sum(Call.verify_failures), 0),
        )
        .where(*started_between(start, end))
        .group_by(Call.purpose, Call.outcome, Call.step, Call.language, Call.verified)
    ).all()


def per_utc_hour(session, start, end):
    """(UTC hour as 'YYYY-MM-DD HH', calls started in it)."""
    hour = hour_of(session, Call.started_at)
    return session.execute(select(hour, func.count()).where(*started_between(start, end)).group_by(hour)).all()


def durations(session, start, end):
    """(duration in seconds, calls that lasted it) of the ended calls, shortest first."""
    return session.execute(
        select(Call.duration_s, func.count())
        .where(*started_between(start, end), Call.duration_s.is_not(None))
        .group_by(Call.duration_s)
        .order_by(Call.duration_s)
    ).all()


def unique_callers(session, start, end):
    return session.scalar(select(func.count(distinct(Call.from_number))).where(*started_between(start, end)))


def transferred(session, start, end):
    """Calls that started in the range and were put through to an operator."""
    return session.scalar(
        select(func.count(distinct(CallEvent.call_id)))
        .join(Call, Call.id == CallEvent.call_id)
        .where(
            CallEvent.kind == "operator_transfer",
            # A transfer comes after its call started: bounding the events too lets the index narrow them.
            CallEvent.at >= start,
            CallEvent.at < end + timedelta(days=1),
            *started_between(start, end),
        )
    )
