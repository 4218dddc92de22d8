"""One satisfaction question per call: asked after a self-service outcome or an operator call."""

from sqlalchemy import bindparam, select

from ivr.store import CallRating
from ivr.voice import calls

# Outcomes where the caller got what they came for by themselves.
SELF_SERVICE = {"report_filed", "report_existing", "report_cancelled", "progress_told", "outlets_told"}
SCORES = {"1": 1, "2": 2, "3": 3}
REASONS = {"1", "2", "3", "4", "5"}  # wait, not solved, menu, operator's manner, other


# Built once (ivr/calls.BY_SID says why).
RATING_OF = select(CallRating).where(CallRating.call_id == bindparam("call_id"))


def rating_of(session, call):
    return session.scalar(RATING_OF, {"call_id": call.id})


def may_ask(session, call, context):
    """Ask only once per call, and only when there is something to rate."""
    if rating_of(session, call) is not None:
        return False
    return context == "operator" or call.outcome in SELF_SERVICE


def start(session, call, context, *, now, operator_id=None):
    """The question is being asked: from now on it is never asked again on this call."""
    rating = CallRating(
        call_id=call.id, asked_at=now, context=context, outcome=call.outcome or "", operator_id=operator_id
    )
    session.add(rating)
    calls.record(session, call, "rating_asked", context, now=now)
    return rating


def answer(session, call, key, *, now):
    """The caller's key: a score, or silence (skipped). Returns the stored score or None."""
    rating = rating_of(session, call)
    score = SCORES.get(key)
    if rating is None or rating.score is not None or score is None:
        calls.record(session, call, "rating_skipped", now=now)
        return None
    rating.score, rating.answered_at = score, now
    calls.record(session, call, "rating_given", str(score), now=now)
    return score


def give_reason(session, call, key, *, now):
    rating = rating_of(session, call)
    if rating is None or rating.score != 3 or key not in REASONS or rating.reason is not None:
        return
    rating.reason = int(key)
    calls.record(session, call, "rating_reason", key, now=now)


def asked_between(session, start, end):
    """(asked_at, score, reason, outcome, operator_id) of every satisfaction question asked in [start, end)."""
    return session.execute(
        select(
            CallRating.asked_at, CallRating.score, CallRating.reason, CallRating.outcome, CallRating.operator_id
        ).where(CallRating.asked_at >= start, CallRating.asked_at < end)
    ).all()
