"""The call log: filtered, paginated lists of calls, one call's timeline, and the CSV rows."""

import re
from dataclasses import dataclass
from datetime import UTC
from functools import lru_cache

from flask_babel import lazy_gettext as _l

from ivr.console.touched import touched
from ivr.identity import phones
from ivr.store import Call, CallRating, call_log

OUTCOMES = (
    "report_filed",
    "report_existing",
    "report_cancelled",
    "progress_told",
    "outlets_told",
    "operator_transfer",
    "operator_closed",
    "gave_up",
    "hotline_goodbye",
    "verification_failed",
    "locked_out",
    "initial_password",
    "callback_requested",
    "abandoned",
)
PURPOSES = ("report", "cancel", "progress", "outlets", "operator")
LANGUAGES = ("zh", "en")
CSV_HEADER = (
    _l("Call"),
    _l("Started"),
    _l("Duration (s)"),
    _l("Caller"),
    _l("Language"),
    _l("Menu choice"),
    _l("Outcome"),
    _l("Last step"),
    _l("Failed verifications"),
    _l("Reference"),
    _l("Rating"),
    _l("Rating reason"),
)


# Most callers are mainland mobiles: their mask is cut straight from the E.164 text (a test checks
# it equals ivr.identity.phones.mask); parsing every number of a year's export would halve its speed.
CN_MOBILE = re.compile(r"^\+861[3-9]\d{9}$")


def masked(number):
    """The number as ivr.identity.phones.mask shows it: +86 138****8000."""
    if number and CN_MOBILE.match(number):
        return f"+86 {number[3:6]}****{number[-4:]}"
    return _parsed_mask(number) if number else ""


@lru_cache(maxsize=4096)
def _parsed_mask(number):
    return phones.mask(number)


def list_calls(session, flt, *, page=1, page_size=50):
    """One page of calls, newest first, and whether there is another page after it."""
    rows = call_log.calls_page(session, flt.criteria(), offset=(page - 1) * page_size, limit=page_size + 1)
    more = len(rows) > page_size
    rows = rows[:page_size]
    references = call_log.report_references(session, [r.id for r in rows])
    listed = [
        dict(
            id=r.id,
            started_at=r.started_at,
            duration_s=r.duration_s,
            caller=masked(r.from_number),
            language=r.language,
            purpose=r.purpose or "",
            outcome=r.outcome or "",
            step=r.step,
            reference=references.get(r.id, ""),
        )
        for r in rows
    ]
    return listed, more


def csv_rows(session, flt, *, batch=5000, names=None):
    """Every call the filter matches, oldest first, as CSV fields; streamed in batches.

    `names` maps a domain ("language", "purpose", "outcome", "step", "rating_score", "rating_reason")
    to {code: label}, read once
    before the stream, so each row costs a dict look-up; without it the codes are written.
    """
    names = names or {}
    language_of, purpose_of, outcome_of, step_of, score_of, reason_of = (
        names.get(d, {}) for d in ("language", "purpose", "outcome", "step", "rating_score", "rating_reason")
    )
    result = call_log.export_rows(session, flt.criteria(), batch=batch)
    tz, utc = flt.days.tz, UTC
    for call_id, at, duration, number, language, purpose, outcome, step, failures, reference, score, why in result:
        if at.tzinfo is None:
            at = at.replace(tzinfo=utc)
        yield (
            call_id,
            at.astimezone(tz).isoformat(timespec="seconds"),
            "" if duration is None else duration,
            masked(number),
            language_of.get(language, language),
            purpose_of.get(purpose, purpose or ""),
            outcome_of.get(outcome, outcome or ""),
            step_of.get(step, step),
            failures,
            reference or "",
            "" if score is None else score_of.get(score, score),
            "" if why is None else reason_of.get(why, why),
        )


@dataclass
class Timeline:
    call: Call
    caller: str
    events: list
    messages: list
    reports: list
    callbacks: list  # the callback requests asked for on this call (drafts never finished left out)
    rating: CallRating | None = None
    holder: object = None
    cards: list = None
    locked_ids: list = None
    wrapups: list = None  # [(code, note, operator name)] the operators recorded after talking to the caller


def timeline(session, call_id):
    """One call with its events in order, the SMS it caused and the report it filed; None if unknown."""
    record = call_log.call_record(session, call_id)
    if record is None:
        return None
    seen = touched(session, record.call)
    return Timeline(
        call=record.call,
        caller=masked(record.call.from_number),
        events=record.events,
        messages=record.messages,
        reports=record.reports,
        callbacks=record.callbacks,
        rating=record.rating,
        holder=seen.holder,
        cards=seen.cards,
        locked_ids=seen.locked_ids,
        wrapups=record.wrapups,
    )
