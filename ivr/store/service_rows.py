"""The service-level reports' queries: per UTC hour, grouped in the database, a few rows per hour.

ivr/operators/service_levels.py turns these rows into figures; nothing here decides what a figure
means beyond which rows fall in which group. Every query reads one time range [start, end) and
returns plain tuples whose first item is the UTC hour as text, "YYYY-MM-DD HH" (or, with
by="operator", the operator's id: an operator's figures over the whole range, not hour by hour; with
by="hour_operator" the hour then the operator's id, as the summariser keeps them).
"""

from sqlalchemy import case, func, select

from ivr.store.calls import Call
from ivr.store.console import Operator
from ivr.store.queue import CallbackRequest, CallRating, QueueVisit


def hour_of(session, column):
    """The UTC hour of a moment as 'YYYY-MM-DD HH', in the database's own dialect."""
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(func.timezone("UTC", column), "YYYY-MM-DD HH24")
    return func.substr(column, 1, 13)


def call_rows(session, start, end):
    """(hour, outcome, calls) for calls that started in the range."""
    hour = hour_of(session, Call.started_at)
    return session.execute(
        select(hour, Call.outcome, func.count())
        .where(Call.started_at >= start, Call.started_at < end)
        .group_by(hour, Call.outcome)
    ).all()


def key_of(session, by, column, operator):
    """What rows are grouped by: the UTC hour of `column`, the operator, or both."""
    return ([hour_of(session, column)] if by != "operator" else []) + ([operator] if by != "hour" else [])


def queue_rows(session, start, end, target_s, by="hour"):
    """(hour or operator id, answered, left for a callback, ended, stays, wait seconds, longest wait,
    answered within target_s, talk seconds, stays with a talk time) for stays that began in the range."""
    key = key_of(session, by, QueueVisit.enqueued_at, QueueVisit.operator_id)
    answered = QueueVisit.bridged_at.is_not(None)
    for_callback = QueueVisit.leaving_for.is_not(None)
    ended = QueueVisit.left_at.is_not(None)
    in_target = case((answered & (QueueVisit.wait_s <= target_s), 1), else_=0)
    return session.execute(
        select(
            *key,
            answered,
            for_callback,
            ended,
            func.count(),
            func.coalesce(func.sum(QueueVisit.wait_s), 0),
            func.coalesce(func.max(QueueVisit.wait_s), 0),
            func.coalesce(func.sum(in_target), 0),
            func.coalesce(func.sum(QueueVisit.talk_s), 0),
            func.count(QueueVisit.talk_s),
        )
        .where(QueueVisit.enqueued_at >= start, QueueVisit.enqueued_at < end)
        .group_by(*key, answered, for_callback, ended)
    ).all()


def wrapup_rows(session, start, end, by="hour"):
    """(hour or operator id, wrap-up code, stays) for stays that began in the range and were wrapped up."""
    key = key_of(session, by, QueueVisit.enqueued_at, QueueVisit.operator_id)
    return session.execute(
        select(*key, QueueVisit.wrapup_code, func.count())
        .where(QueueVisit.enqueued_at >= start, QueueVisit.enqueued_at < end, QueueVisit.wrapup_code.is_not(None))
        .group_by(*key, QueueVisit.wrapup_code)
    ).all()


def callback_rows(session, start, end):
    """(hour, status, requests, of which automatic, of which first tried by the due time) for requests made
    in the range: a few rows per hour (callbacks are always counted live, so a month's must be cheap)."""
    hour = hour_of(session, CallbackRequest.created_at)
    first_try_in_time = CallbackRequest.first_attempt_at.is_not(None) & (
        CallbackRequest.due_by.is_(None) | (CallbackRequest.first_attempt_at <= CallbackRequest.due_by)
    )
    return session.execute(
        select(
            hour,
            CallbackRequest.status,
            func.count(),
            func.sum(case((CallbackRequest.automatic, 1), else_=0)),
            func.sum(case((first_try_in_time, 1), else_=0)),
        )
        .where(CallbackRequest.created_at >= start, CallbackRequest.created_at < end, CallbackRequest.status != "draft")
        .group_by(hour, CallbackRequest.status)
    ).all()


def rating_rows(session, start, end, by="hour"):
    """(hour or operator id, score, ratings) for the satisfaction question asked in the range (score None: skipped)."""
    key = key_of(session, by, CallRating.asked_at, CallRating.operator_id)
    return session.execute(
        select(*key, CallRating.score, func.count())
        .where(CallRating.asked_at >= start, CallRating.asked_at < end)
        .group_by(*key, CallRating.score)
    ).all()


def first_call_at(session):
    """When the first call stored began (every stay and rating belongs to a call), or None."""
    return session.scalar(select(func.min(Call.started_at)))


def open_hours(session, start, end):
    """The UTC hours in [start, end) that something still in progress began in: a call not ended, a stay
    not left, or a rating asked on a call not ended (its score may still come)."""
    found = set()
    for column, unfinished in (
        (Call.started_at, Call.ended_at.is_(None)),
        (QueueVisit.enqueued_at, QueueVisit.left_at.is_(None)),
    ):
        hour = hour_of(session, column)
        found.update(session.scalars(select(hour).where(column >= start, column < end, unfinished).group_by(hour)))
    hour = hour_of(session, CallRating.asked_at)
    found.update(
        session.scalars(
            select(hour)
            .join(Call, Call.id == CallRating.call_id)
            .where(CallRating.asked_at >= start, CallRating.asked_at < end, Call.ended_at.is_(None))
            .group_by(hour)
        )
    )
    return found


def operator_names(session):
    return dict(session.execute(select(Operator.id, Operator.name)).all())


def queue_now(session, since):
    """(callers waiting, when the longest-waiting one joined, operators talking to a caller) right now."""
    waiting, oldest = session.execute(
        select(func.count(), func.min(QueueVisit.enqueued_at)).where(
            QueueVisit.left_at.is_(None), QueueVisit.bridged_at.is_(None), QueueVisit.enqueued_at >= since
        )
    ).one()
    talking = session.scalar(
        select(func.count(func.distinct(QueueVisit.operator_id))).where(
            QueueVisit.left_at.is_(None), QueueVisit.bridged_at.is_not(None), QueueVisit.enqueued_at >= since
        )
    )
    return waiting, oldest, talking


def open_callbacks(session):
    return session.scalar(select(func.count()).select_from(CallbackRequest).where(CallbackRequest.status == "open"))


def latest_taken_by(session, operator_id, since):
    """The last caller this operator took since `since` whose conversation is not yet wrapped up, or None."""
    return session.scalar(
        select(QueueVisit)
        .where(
            QueueVisit.operator_id == operator_id,
            QueueVisit.bridged_at >= since,
            QueueVisit.wrapup_code.is_(None),
        )
        .order_by(QueueVisit.bridged_at.desc(), QueueVisit.id.desc())
        .limit(1)
    )
