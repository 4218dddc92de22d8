"""The hotline as it is now: figures for /metrics (each one an indexed read, cheap at scrape time)
and the calls in progress for the console's live page."""

from datetime import timedelta

from sqlalchemy import func, select

from ivr.calendar import clock
from ivr.store.calls import Call
from ivr.store.messages import OutgoingMessage

# A call with no end after this long lost its status callback: it is not "in progress" any more.
LONGEST_CALL = timedelta(hours=1)


def live_figures(session):
    """[(metric name, help, value)] for calls in progress and the SMS outbox."""
    now = clock.now()
    in_progress = session.scalar(
        select(func.count()).select_from(Call).where(Call.started_at > now - LONGEST_CALL, Call.ended_at.is_(None))
    )
    backlog, oldest = session.execute(
        select(func.count(), func.min(OutgoingMessage.due_at)).where(
            OutgoingMessage.state == "pending", OutgoingMessage.due_at <= now
        )
    ).one()
    oldest_age = (now - oldest).total_seconds() if oldest is not None else 0.0
    return [
        ("hotline_calls_in_progress", "Calls started in the last hour and not ended.", in_progress),
        ("hotline_outbox_due", "SMS due now and not yet sent (the backlog).", backlog),
        ("hotline_outbox_oldest_due_seconds", "How long the oldest due SMS has waited (0: none).", oldest_age),
    ]


def calls_in_progress(session, moment, stale_after):
    """Calls with no end and no outcome that started within `stale_after` of `moment`, oldest first:
    rows of (id, call_sid, started_at, from_number, language, step, purpose)."""
    return session.execute(
        select(Call.id, Call.call_sid, Call.started_at, Call.from_number, Call.language, Call.step, Call.purpose)
        .where(Call.ended_at.is_(None), Call.outcome.is_(None), Call.started_at >= moment - stale_after)
        .order_by(Call.started_at)
    ).all()
