"""Per-hour sums of the service figures for hours that are over, so a month's report reads ~720 rows
instead of a million calls (hours changed after they were summed: ivr/store/stale_hours.py).

ivr/operators/service_summaries.py fills these tables (the scheduler's job); ivr/operators/
service_measure.py reads them beside live rows. A row holds the figures of one UTC hour that belong
to one operator (operator_id 0: to nobody — calls, callbacks, stays nobody answered, self-service
ratings), so an hour is the sum of its rows and an operator the sum of theirs. Every figure column is a count or a
sum of seconds except `longest_wait_s`, the largest. The hour's operator-0 row exists for every
summed hour, even an empty one: it is the mark that the hour is summed.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import String, delete, func, insert, select, text
from sqlalchemy.orm import Mapped, mapped_column

from ivr.store.base import Base, utcnow

HOUR = timedelta(hours=1)
NOBODY = 0
FIGURES = (
    "calls",
    "self_served",
    "offered",
    "answered",
    "answered_in_target",
    "abandoned",
    "left_for_callback",
    "still_waiting",
    "answered_wait_s",
    "longest_wait_s",
    "talk_s",
    "talks",
    "ratings_given",
    "ratings_satisfied",
    "callbacks_asked",
    "callbacks_automatic",
    "callbacks_in_time",
    "callbacks_reached",
    "callbacks_open",
)
LARGEST = {"longest_wait_s"}
LOCK_KEY = 0x5E4_1C35  # PostgreSQL advisory lock: one summariser at a time


class ServiceHour(Base):
    """The service figures of one UTC hour that belong to one operator (0: to nobody)."""

    __tablename__ = "service_hours"

    hour: Mapped[datetime] = mapped_column(primary_key=True)  # the hour's first moment, UTC
    operator_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    # SERVICE_LEVEL_SECONDS when summed: under another setting the hour is summed again.
    target_s: Mapped[int]
    summed_at: Mapped[datetime] = mapped_column(default=utcnow)
    calls: Mapped[int] = mapped_column(default=0)
    self_served: Mapped[int] = mapped_column(default=0)
    offered: Mapped[int] = mapped_column(default=0)
    answered: Mapped[int] = mapped_column(default=0)
    answered_in_target: Mapped[int] = mapped_column(default=0)
    abandoned: Mapped[int] = mapped_column(default=0)
    left_for_callback: Mapped[int] = mapped_column(default=0)
    still_waiting: Mapped[int] = mapped_column(default=0)
    answered_wait_s: Mapped[int] = mapped_column(default=0)
    longest_wait_s: Mapped[int] = mapped_column(default=0)
    talk_s: Mapped[int] = mapped_column(default=0)
    talks: Mapped[int] = mapped_column(default=0)
    ratings_given: Mapped[int] = mapped_column(default=0)
    ratings_satisfied: Mapped[int] = mapped_column(default=0)
    callbacks_asked: Mapped[int] = mapped_column(default=0)
    callbacks_automatic: Mapped[int] = mapped_column(default=0)
    callbacks_in_time: Mapped[int] = mapped_column(default=0)
    callbacks_reached: Mapped[int] = mapped_column(default=0)
    callbacks_open: Mapped[int] = mapped_column(default=0)


class ServiceHourWrapup(Base):
    """Conversations of one UTC hour (by when the caller joined the queue) wrapped up with a code, per operator."""

    __tablename__ = "service_hour_wrapups"

    hour: Mapped[datetime] = mapped_column(primary_key=True)
    operator_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    conversations: Mapped[int]


def hour_start(moment):
    return moment.replace(minute=0, second=0, microsecond=0)


def hour_key(hour):
    """The same 'YYYY-MM-DD HH' text the live queries group by (ivr/store/service_rows.hour_of)."""
    return hour.strftime("%Y-%m-%d %H")


@dataclass
class Hours:
    """A set of summed hours as SQL can select it: from `first` to `last` (included) but the `holes`."""

    first: datetime
    last: datetime
    holes: list = field(default_factory=list)

    @classmethod
    def of(cls, hours):
        first, last = min(hours), max(hours)
        every = (first + n * HOUR for n in range(int((last - first) / HOUR) + 1))
        return cls(first, last, [h for h in every if h not in hours])

    def where(self, column):
        found = [column >= self.first, column <= self.last]
        return found + ([column.not_in(self.holes)] if self.holes else [])


def hold_summariser_lock(session):
    """Until this transaction ends no other summariser writes (on SQLite its write lock does that already)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})


def summed_hours(session, target_s):
    """Every hour summed under the service-level target `target_s`."""
    return set(
        session.scalars(
            select(ServiceHour.hour).where(ServiceHour.operator_id == NOBODY, ServiceHour.target_s == target_s)
        )
    )


def figures(columns=FIGURES):
    return [(func.max if name in LARGEST else func.sum)(getattr(ServiceHour, name)).label(name) for name in columns]


def sums_by_hour(session, start, end, target_s):
    """(hour, *FIGURES) for every whole hour in [start, end) summed under `target_s`, over its operators."""
    return session.execute(
        select(ServiceHour.hour, *figures())
        .where(ServiceHour.hour >= start, ServiceHour.hour <= end - HOUR, ServiceHour.target_s == target_s)
        .group_by(ServiceHour.hour)
    ).all()


def sums_by_operator(session, hours, target_s):
    """(operator id, *FIGURES) over the summed `hours` (an Hours)."""
    return session.execute(
        select(ServiceHour.operator_id, *figures())
        .where(*hours.where(ServiceHour.hour), ServiceHour.target_s == target_s, ServiceHour.operator_id != NOBODY)
        .group_by(ServiceHour.operator_id)
    ).all()


def wrapups_by(session, hours, by):
    """(hour or operator id, code, conversations) over the summed `hours`."""
    key = ServiceHourWrapup.hour if by == "hour" else ServiceHourWrapup.operator_id
    query = select(key, ServiceHourWrapup.code, func.sum(ServiceHourWrapup.conversations)).where(
        *hours.where(ServiceHourWrapup.hour)
    )
    if by != "hour":
        query = query.where(ServiceHourWrapup.operator_id != NOBODY)
    return session.execute(query.group_by(key, ServiceHourWrapup.code)).all()


def replace(session, first, end, target_s, rows, wrapups):
    """Sum the hours [first, end) afresh: `rows` are dicts of hour, operator_id and FIGURES (an
    operator-0 row for every hour), `wrapups` dicts of hour, operator_id, code and conversations."""
    for model in (ServiceHour, ServiceHourWrapup):
        session.execute(delete(model).where(model.hour >= first, model.hour < end))
    now = utcnow()
    if rows:
        session.execute(insert(ServiceHour), [dict(row, target_s=target_s, summed_at=now) for row in rows])
    if wrapups:
        session.execute(insert(ServiceHourWrapup), wrapups)
