"""Pre-loss reports: filing one by phone suspends the card and queues its SMS."""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from ivr.calendar import localtime
from ivr.cards import lifecycle, moves
from ivr.cards import states as cards
from ivr.cards.facts import report_facts
from ivr.messaging import texts
from ivr.messaging.kinds import OUTLET_REMINDER_FIRST, OUTLET_REMINDER_LAST
from ivr.messaging.notify import compose, notify_new, post
from ivr.store import Card, PrelossReport, references


@dataclass(frozen=True)
class Filing:
    """What became of a request to report a card lost: filed, already, not_active, no_card."""

    outcome: str
    card: Card | None = None
    report: PrelossReport | None = None


def new_reference(session):
    """An unused 8-digit reference, random so it cannot be guessed from another."""
    return references.new_reference(session, references.PRELOSS)


def reportable_card(session, cardholder):
    """The cardholder's current card, locked and re-read so two calls cannot report it at once."""
    card = cardholder.current_card
    if card is None:
        return None
    lifecycle.lock_card(session, card)
    return card


def check_card(card):
    """Can this card be reported lost by phone now? Returns a Filing with no report made."""
    if card is None:
        return Filing("no_card")
    if card.state == "preloss":
        return Filing("already", card, card.open_report)
    if not cards.can_move(card.state, "preloss", "phone"):
        return Filing("not_active", card)
    return Filing("ok", card)


def file_preloss(session, call, cardholder, *, now, config):
    """Suspend the card, store the report, queue the confirmation SMS and the formal-report reminder."""
    card = reportable_card(session, cardholder)
    verdict = check_card(card)
    if verdict.outcome != "ok":
        return verdict
    report = PrelossReport(
        reference=new_reference(session),
        card_id=card.id,
        call_id=call.id,
        filed_at=now,
        expires_at=now + timedelta(days=config["PRELOSS_VALID_DAYS"]),
        status="active",
    )
    session.add(report)
    by = moves.Mover(actor="phone", name=call.call_sid, channel="phone")
    moves.move(session, card, "preloss", by=by, now=now, config=config, locked=True)
    session.flush()
    queue_report_messages(
        session,
        report,
        card,
        cardholder,
        call_id=call.id,
        now=now,
        config=config,
        language=call.language or cardholder.language,
        new=True,
    )
    return Filing("filed", card, report)


def queue_report_messages(session, report, card, cardholder, *, call_id, now, config, language=None, new=False):
    """The confirmation now; formal-report reminders the next day and the day before it lapses,
    all in `language`: the one the caller chose on the call that filed the report (the
    cardholder's stored language when no call filed it). `new`: the report was filed in this
    transaction, so nothing is queued for it yet and the messages go in with one INSERT."""
    language = language or cardholder.language
    facts = report_facts(report, card, language, config)
    common = {"subject": f"report:{report.id}", "to": cardholder.mobile, "language": language, "call_id": call_id}
    letters = [compose("preloss_confirmation", facts=facts, due_at=now, config=config, **common)]
    tzname, at = config["IVR_TIMEZONE"], config["FORMAL_REMINDER_AT"]
    first = localtime.at_local_time(now, tzname, at, 1)
    last = localtime.at_local_time(report.expires_at, tzname, at, -1)
    plans = [(1, first, OUTLET_REMINDER_FIRST, "sms.formal_report_reminder")]
    if last > first and last < report.expires_at:
        plans.append((2, last, OUTLET_REMINDER_LAST, "reminders.formal_report_last_plain"))
    outlet = texts.nearest_outlet(session, cardholder.area_code)
    for occurrence, due_at, keys, fallback in plans:
        key, values = texts.choose(outlet, keys, fallback, language, facts)
        letters.append(
            compose(
                "formal_report_reminder",
                key=key,
                facts=values,
                due_at=due_at,
                occurrence=occurrence,
                config=config,
                **common,
            )
        )
    if new:
        notify_new(session, letters)
        return
    for letter in letters:
        post(session, letter)


def active_reports(session, *, limit=500):
    """[(report, card's last four)] of the pre-loss reports still active, soonest to lapse first."""
    return session.execute(
        select(PrelossReport, Card.number_last4)
        .join(Card, Card.id == PrelossReport.card_id)
        .where(PrelossReport.status == "active")
        .order_by(PrelossReport.expires_at, PrelossReport.id)
        .limit(limit)
    ).all()


def reports_of_card(session, card_id):
    """Every pre-loss report filed on this card, in the order filed."""
    return session.scalars(
        select(PrelossReport).where(PrelossReport.card_id == card_id).order_by(PrelossReport.id)
    ).all()


def card_id_for_reference(session, reference):
    """The id of the card a pre-loss report's reference belongs to, or None."""
    return session.scalar(select(PrelossReport.card_id).where(PrelossReport.reference == reference))
