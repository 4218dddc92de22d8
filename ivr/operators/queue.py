"""The operator queue as the hotline keeps it: who waits, who is being taken, by which operator.

Twilio holds the callers (<Enqueue>) and hands the longest-waiting one to the operator who dials
the queue (<Dial><Queue>); these rows mirror that order, so any web process can tell an operator
who is coming and the console can show the queue. Callers aged 65 or over wait in a queue of
their own (PRIORITY_SUFFIX), which operators take first: Twilio's queues are first in, first out,
so priority is which queue the next operator line dials, decided here (`claim_next`).
"""

from datetime import timedelta

from sqlalchemy import bindparam, select

from ivr.prompts import CATALOGUE as KNOWN
from ivr.prompts import text
from ivr.store import Call, Cardholder, QueueVisit
from ivr.voice import calls

OFFER_HOLD = timedelta(seconds=90)  # an announced caller not taken within this goes back to the pool
PRIORITY_SUFFIX = "-priority"


def queue_for(queue_name, call):
    """The Twilio queue this caller waits in: the priority one for a caller aged 65 or over."""
    return queue_name + PRIORITY_SUFFIX if call.senior else queue_name


def came_from(call):
    """What the caller was doing when they asked for a person: their purpose, and its outcome if any."""
    return ":".join(part for part in (call.purpose or "menu", call.outcome or "") if part)[:64]


def join(session, call, queue_name, *, now):
    """The caller enters the queue (a fresh visit each time they ask); its queue_name is the Twilio
    queue to <Enqueue> them in."""
    name = queue_for(queue_name, call)
    visit = QueueVisit(
        call_id=call.id, queue_name=name, priority=call.senior, came_from=came_from(call), enqueued_at=now
    )
    session.add(visit)
    calls.record(session, call, "queue_joined", name, now=now)
    return visit


def current_visit(session, call):
    """The call's latest stay in the queue, or None."""
    return session.scalar(
        select(QueueVisit).where(QueueVisit.call_id == call.id).order_by(QueueVisit.id.desc()).limit(1)
    )


def note_wait(visit, form, *, now):
    """Keep what Twilio's wait URL request says: place, time waited, the queue's average wait."""
    visit.position = whole(form.get("QueuePosition"))
    visit.waited_s = whole(form.get("QueueTime"))
    visit.average_wait_s = whole(form.get("AvgQueueTime"))
    visit.last_wait_at = now


def average_wait(session, queue_name, *, now):
    """How long the callers waiting in `queue_name` have waited, on average, in seconds: what
    Twilio reports as AvgQueueTime, worked out from the hotline's own rows for an engine that
    does not (jambonz)."""
    started = session.scalars(
        select(QueueVisit.enqueued_at).where(
            QueueVisit.queue_name == queue_name, QueueVisit.left_at.is_(None), QueueVisit.bridged_at.is_(None)
        )
    ).all()
    if not started:
        return None
    return int(sum((now - at).total_seconds() for at in started) / len(started))


def whole(raw):
    raw = (raw or "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 9 else None


def claim_next(session, agent_sid, operator_id, *, now):
    """The waiting caller this operator line will be given: a priority caller (65 or over) before
    anyone else, then the longest-waiting, not announced to another line in the last OFFER_HOLD.
    Locked (SKIP LOCKED) so two lines never pick the same one. The line then dials the visit's
    queue_name, whose head in Twilio is this caller."""
    mine = session.scalar(
        select(QueueVisit).where(
            QueueVisit.offered_to == agent_sid, QueueVisit.left_at.is_(None), QueueVisit.bridged_at.is_(None)
        )
    )
    if mine is not None:
        return mine
    statement = (
        select(QueueVisit)
        .where(
            QueueVisit.left_at.is_(None),
            QueueVisit.bridged_at.is_(None),
            (QueueVisit.offered_at.is_(None)) | (QueueVisit.offered_at < now - OFFER_HOLD),
        )
        .order_by(QueueVisit.priority.desc(), QueueVisit.enqueued_at, QueueVisit.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    visit = session.scalar(statement)
    if visit is not None:
        visit.offered_to, visit.offered_at, visit.offered_operator_id = agent_sid, now, operator_id
    return visit


def bridged(session, visit, agent_sid, *, now):
    """Twilio is connecting this caller to the operator line `agent_sid` (the <Queue url> request)."""
    visit.bridged_at = visit.bridged_at or now
    visit.wait_s = seconds_between(visit.enqueued_at, visit.bridged_at)
    visit.agent_call_sid = agent_sid[:64]
    operator = visit.offered_operator_id if visit.offered_to == agent_sid else None
    if operator is None:
        # Twilio gave this line a different caller than announced (two lines at once): find its operator.
        other = session.scalar(
            select(QueueVisit.offered_operator_id)
            .where(QueueVisit.offered_to == agent_sid)
            .order_by(QueueVisit.id.desc())
            .limit(1)
        )
        operator = other
    visit.operator_id = operator


def taking(visit, operator_id):
    """jambonz: the proven line told of this caller dequeues exactly them (by callSid), so its
    operator is known as the dequeue goes out, as Twilio's <Queue url> tells it at the bridge.
    Kept only if the bridge comes: a stay that ends unanswered is nobody's (left)."""
    visit.operator_id = operator_id


def may_leave(visit, result):
    """Whether Twilio's <Enqueue action> fits the call's own queue history: it has an open stay in
    the queue, and "bridged" only after an operator line took it (the <Queue url> ran)."""
    if visit is None or visit.left_at is not None:
        return False
    return result != "bridged" or visit.bridged_at is not None


def taken_unannounced(visit, result, *, engine):
    """jambonz runs no <Queue url> at the bridge: it says "bridged" only as the caller leaves,
    sometimes after its status callback closed the stay. Believed only from jambonz, and only for
    a stay that was offered to a (proven) operator line and not yet bridged."""
    return (
        engine == "jambonz"
        and result == "bridged"
        and visit is not None
        and visit.bridged_at is None
        and visit.offered_to is not None
    )


def taken_late(session, visit, waited_s, *, now):
    """The engine says, only as the caller leaves, that the line it was offered to took them
    (jambonz: no <Queue url> runs at the bridge). `waited_s` (jambonz's queueTime) dates the bridge;
    it counts from the last enqueue, so a caller who stepped out to be asked and stayed was bridged
    no earlier than their last wait there (last_wait_at). A "hangup" the status callback guessed
    before this news is corrected."""
    at = visit.enqueued_at + timedelta(seconds=waited_s) if waited_s is not None else now
    at = max(at, visit.last_wait_at or at)
    bridged(session, visit, visit.offered_to, now=min(at, now))
    if visit.result == "hangup":
        visit.result = "bridged"


def left(visit, result, *, now):
    visit.left_at = visit.left_at or now
    visit.result = visit.result or (result or "unknown")[:24]
    if visit.bridged_at is None:
        visit.wait_s = seconds_between(visit.enqueued_at, visit.left_at)
        visit.operator_id = None  # a dequeue that never connected: no operator answered this stay
    else:
        visit.talk_s = seconds_between(visit.bridged_at, visit.left_at)


def seconds_between(start, end):
    """Whole seconds from `start` to `end`, never negative (the service-level reports add these)."""
    return max(0, int((end - start).total_seconds()))


# Built once (ivr/calls.BY_SID says why).
OPEN_VISITS_OF_CALL = select(QueueVisit).where(QueueVisit.call_id == bindparam("call_id"), QueueVisit.left_at.is_(None))


def close_for_call(session, call, status, *, now):
    """The call ended: no stay in the queue is left open (the live page must not show it)."""
    for visit in session.scalars(OPEN_VISITS_OF_CALL, {"call_id": call.id}):
        left(visit, "hangup" if not visit.bridged_at else "bridged", now=now)


def open_visits(session, *, since):
    """Calls waiting or talking to an operator now, in the order operators take them."""
    return session.scalars(
        select(QueueVisit)
        .where(QueueVisit.left_at.is_(None), QueueVisit.enqueued_at >= since)
        .order_by(QueueVisit.priority.desc(), QueueVisit.enqueued_at, QueueVisit.id)
    ).all()


def summary(session, call, came, language):
    """Who is coming, as the operator hears it and the live page shows it."""
    parts = [text("agent.language", language, tongue=text(f"agent.language.{call.language}", language))]
    holder = session.get(Cardholder, call.cardholder_id) if call.verified and call.cardholder_id else None
    if holder is None:
        parts.append(text("agent.unverified", language))
    else:
        parts.append(text("agent.verified", language))
        card = holder.current_card
        if card is not None:
            parts.append(
                text(
                    "agent.card",
                    language,
                    last4=" ".join(card.number_last4),
                    state=text(f"card.state.{card.state}", language),
                )
            )
    purpose, _, outcome = came.partition(":")
    if outcome:
        parts.append(text(f"agent.outcome.{outcome}", language) if f"agent.outcome.{outcome}" in KNOWN else outcome)
    parts.append(
        text(
            "agent.came_from",
            language,
            menu=text(f"agent.purpose.{purpose}", language) if f"agent.purpose.{purpose}" in KNOWN else purpose,
        )
    )
    return ("，" if language == "zh" else ", ").join(parts) + ("。" if language == "zh" else ".")


def visit_call(session, visit):
    return session.get(Call, visit.call_id)
