"""The call log's reads: the calls a filter matches (a page of them, or every one for the CSV), a
call found by its CallSid or its caller, and what one call left behind for its timeline.

A filter arrives as plain values (ivr/console/call_filters.py checks them first): `start` and
`end` bound when calls started; `outcome`, `language`, `purpose`, `caller` (E.164) and `reference`
narrow them when not empty. Masking and wording stay with the console.
"""

from dataclasses import dataclass

from sqlalchemy import DateTime, select, type_coerce

from ivr.store import references
from ivr.store.calls import Call, CallEvent
from ivr.store.cardholders import PrelossReport
from ivr.store.console import Operator
from ivr.store.messages import OutgoingMessage
from ivr.store.queue import CallbackRequest, CallRating, QueueVisit


def matching(session, *, start, end, outcome="", language="", purpose="", caller="", reference=""):
    """The SQL conditions of a call-log filter."""
    where = [Call.started_at >= start, Call.started_at < end]
    if outcome:
        where.append(Call.outcome == outcome)
    if language:
        where.append(Call.language == language)
    if purpose:
        where.append(Call.purpose == purpose)
    if caller:
        where.append(Call.from_number == caller)
    if reference:  # the call a report was filed on, or a callback asked for on
        kind = references.kind_of(reference)
        call_id = session.scalar(select(kind.call_id).where(kind.column == reference))
        where.append(Call.id == (call_id or -1))
    return where


def calls_page(session, criteria, *, offset, limit):
    """Up to `limit` calls the filter matches, newest first, from `offset` on: the list's columns."""
    return session.execute(
        select(
            Call.id,
            Call.started_at,
            Call.duration_s,
            Call.from_number,
            Call.language,
            Call.purpose,
            Call.outcome,
            Call.step,
        )
        .where(*matching(session, **criteria))
        .order_by(Call.started_at.desc(), Call.id.desc())
        .offset(offset)
        .limit(limit)
    ).all()


def report_references(session, call_ids):
    """{call id: the reference of the pre-loss report filed on it} for these calls."""
    if not call_ids:
        return {}
    return dict(
        session.execute(
            select(PrelossReport.call_id, PrelossReport.reference).where(PrelossReport.call_id.in_(call_ids))
        ).all()
    )


def export_rows(session, criteria, *, batch):
    """Every call the filter matches, oldest first, as plain tuples fetched `batch` at a time: id, started
    (naive UTC on SQLite, aware on PostgreSQL), duration, caller, language, purpose, outcome, step,
    failed verifications, report reference, rating score, rating reason."""
    # Plain DateTime skips the UTC wrapper's per-value work: SQLite gives naive UTC, PostgreSQL aware.
    started = type_coerce(Call.started_at, DateTime())
    # Core, not the ORM: these are plain rows, and the ORM's per-row work costs a third of the speed.
    return session.connection().execute(
        select(
            Call.id,
            started,
            Call.duration_s,
            Call.from_number,
            Call.language,
            Call.purpose,
            Call.outcome,
            Call.step,
            Call.verify_failures,
            PrelossReport.reference,
            CallRating.score,
            CallRating.reason,
        )
        .outerjoin(PrelossReport, PrelossReport.call_id == Call.id)
        .outerjoin(CallRating, CallRating.call_id == Call.id)
        .where(*matching(session, **criteria))
        .order_by(Call.started_at, Call.id)
        .execution_options(yield_per=batch)
    )


def call_id_for_sid(session, call_sid):
    """The id of the call with this CallSid, or None."""
    return session.scalar(select(Call.id).where(Call.call_sid == call_sid))


def calls_from(session, caller, start, end, *, limit, ending=False):
    """Calls from this number (with `ending`: from numbers ending in these digits) started in
    [start, end), newest first: id, call_sid, started_at, from_number, outcome."""
    condition = Call.from_number.like(f"%{caller}") if ending else Call.from_number == caller
    return session.execute(
        select(Call.id, Call.call_sid, Call.started_at, Call.from_number, Call.outcome)
        .where(condition, Call.started_at >= start, Call.started_at < end)
        .order_by(Call.started_at.desc())
        .limit(limit)
    ).all()


@dataclass
class CallRecord:
    """What one call left behind, each list in the order it happened."""

    call: Call
    events: list
    messages: list
    reports: list
    callbacks: list  # the callback requests asked for on this call (drafts never finished left out)
    rating: CallRating | None
    wrapups: list  # [(code, note, operator name)] the operators recorded after talking to the caller


def call_record(session, call_id):
    """One call with its events, the SMS it caused, its reports, callbacks, rating and wrap-ups; None if unknown."""
    call = session.get(Call, call_id)
    if call is None:
        return None
    return CallRecord(
        call=call,
        events=session.scalars(select(CallEvent).where(CallEvent.call_id == call_id).order_by(CallEvent.id)).all(),
        messages=session.scalars(
            select(OutgoingMessage).where(OutgoingMessage.call_id == call_id).order_by(OutgoingMessage.id)
        ).all(),
        reports=session.scalars(select(PrelossReport).where(PrelossReport.call_id == call_id)).all(),
        callbacks=session.scalars(
            select(CallbackRequest)
            .where(CallbackRequest.call_id == call_id, CallbackRequest.status != "draft")
            .order_by(CallbackRequest.id)
        ).all(),
        rating=session.scalar(select(CallRating).where(CallRating.call_id == call_id)),
        wrapups=session.execute(
            select(QueueVisit.wrapup_code, QueueVisit.wrapup_note, Operator.name)
            .join(Operator, Operator.id == QueueVisit.operator_id)
            .where(QueueVisit.call_id == call_id, QueueVisit.wrapup_code.is_not(None))
            .order_by(QueueVisit.id)
        ).all(),
    )
