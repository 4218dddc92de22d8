"""Hours changed after they may have been summed: marked here, counted live by the reports until the
summariser (ivr/operators/service_summaries.py) sums them again.

One listener sees every change the ORM flushes to what the figures are made of — a queue stay, a
rating, a callback request — and marks the hour it counts in (and the hour it counted in before, if
that moved) once that hour has ended: a wrap-up recorded the next day, a callback made, reached or
merged days later, a rating or a stay closed by a status callback that came late. A change within
its own hour marks nothing: that hour is not summed yet. (Calls themselves are written with plain
UPDATEs, ivr/voice/calls.py, but only while they are in progress, which keeps their hour open.)
"""

from datetime import datetime

from sqlalchemy import Index, delete, event, inspect, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from ivr.calendar import clock
from ivr.store.base import Base, utcnow
from ivr.store.queue import CallbackRequest, CallRating, QueueVisit
from ivr.store.service_hours import HOUR, NOBODY, ServiceHour, hour_start

# What each figure is made of: the moment that places a row in an hour, and the columns the figures read.
WATCHED = {
    QueueVisit: (
        "enqueued_at",
        {"enqueued_at", "bridged_at", "left_at", "leaving_for", "wait_s", "talk_s", "operator_id", "wrapup_code"},
    ),
    CallRating: ("asked_at", {"asked_at", "operator_id", "score"}),
    CallbackRequest: ("created_at", {"created_at", "status", "automatic", "first_attempt_at", "due_by"}),
}


class StaleServiceHour(Base):
    """An hour whose figures changed after it may have been summed: until the summariser sums it again
    the reports count it live."""

    __tablename__ = "stale_service_hours"
    __table_args__ = (Index("ix_stale_service_hours_hour", "hour"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    hour: Mapped[datetime]
    marked_at: Mapped[datetime] = mapped_column(default=utcnow)


@event.listens_for(Session, "before_flush")
def _mark_changed_hours(session, _context, _instances):
    """Mark the ended hours whose figures this flush changes."""
    hours = set()
    for row in (*session.new, *session.dirty, *session.deleted):
        watched = WATCHED.get(type(row))
        if watched is None:
            continue
        moment, columns = watched
        state = inspect(row)
        if row in session.dirty and not any(state.attrs[name].history.has_changes() for name in columns):
            continue
        history = state.attrs[moment].history
        hours.update(hour_start(at) for at in (*history.deleted, getattr(row, moment)) if at is not None)
    if hours:
        now = clock.now()
        session.add_all(StaleServiceHour(hour=hour) for hour in hours if hour + HOUR <= now)


def stale_marks(session, first, end):
    """The ids of the marks on the hours [first, end)."""
    return session.scalars(
        select(StaleServiceHour.id).where(StaleServiceHour.hour >= first, StaleServiceHour.hour < end)
    ).all()


def stale_hours(session, start=None, end=None):
    """The hours marked stale (those in [start, end) when given)."""
    query = select(StaleServiceHour.hour).distinct()
    if start is not None:
        query = query.where(StaleServiceHour.hour >= hour_start(start), StaleServiceHour.hour < end)
    return set(session.scalars(query))


def forget_marks(session, ids):
    if ids:
        session.execute(delete(StaleServiceHour).where(StaleServiceHour.id.in_(ids)))


def forget_marks_unsummed(session, target_s):
    """Drop the marks on hours not summed under `target_s`: their sums, when made, will be fresh."""
    summed = select(ServiceHour.hour).where(ServiceHour.operator_id == NOBODY, ServiceHour.target_s == target_s)
    session.execute(delete(StaleServiceHour).where(StaleServiceHour.hour.not_in(summed)))
