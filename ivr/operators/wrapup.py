"""Screen pop and wrap-up: the caller an operator has just taken, and what came of the conversation.

The operator line records who took whom (ivr/operators/queue.bridged sets the stay's operator);
the console asks `taken_by` for the signed-in operator's caller, offers their call page, and after
the conversation records one of WRAPUP_CODES with a short note (`record`).
"""

from datetime import timedelta

from ivr.store import Call, QueueVisit, service_rows
from ivr.voice import calls

POP_WINDOW = timedelta(hours=2)  # a conversation older than this is not offered for wrap-up any more
NOTE_LENGTH = 200


class WrapupRefused(Exception):
    """Not this operator's conversation, already wrapped up, or a code that is not a wrap-up code."""


def codes(config):
    """The wrap-up codes operators choose from, in the setting's order."""
    return [code for code in config["WRAPUP_CODES"].split(",") if code]


def taken_by(session, operator_id, *, now):
    """The stay of the last caller this operator took (talking now, or ended and not wrapped up), or None."""
    return service_rows.latest_taken_by(session, operator_id, now - POP_WINDOW)


def record(session, visit_id, operator_id, code, note, config, *, now):
    """Keep the operator's wrap-up of their conversation; returns the stay."""
    visit = session.get(QueueVisit, visit_id, with_for_update=True)
    if visit is None or visit.operator_id != operator_id or visit.bridged_at is None:
        raise WrapupRefused("not your conversation")
    if visit.wrapup_code is not None:
        raise WrapupRefused("already wrapped up")
    if code not in codes(config):
        raise WrapupRefused("not a wrap-up code")
    visit.wrapup_code, visit.wrapped_at = code, now
    visit.wrapup_note = " ".join((note or "").split())[:NOTE_LENGTH] or None
    call = session.get(Call, visit.call_id)
    calls.record(session, call, "wrapup_recorded", code, now=now)
    return visit
