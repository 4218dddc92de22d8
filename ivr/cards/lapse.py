"""Lapsing pre-loss reports that reached their end without a formal report."""

from sqlalchemy import select

from ivr.cards import moves
from ivr.cards.facts import report_facts
from ivr.messaging import outbox
from ivr.messaging.notify import notify
from ivr.store import Card, PrelossReport

REPORT_REMINDERS = ("formal_report_reminder",)


def lapse_due_reports(session, *, now, config, limit=100):
    """Lapse every active report past `expires_at`: the card works again, the cardholder is told.

    Returns the lapsed reports. Rows another process is lapsing are skipped, not waited for.
    """
    due = session.scalars(
        select(PrelossReport)
        .where(PrelossReport.status == "active", PrelossReport.expires_at <= now)
        .order_by(PrelossReport.expires_at, PrelossReport.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    for report in due:
        lapse_report(session, report, now=now, config=config)
    return due


def lapse_report(session, report, *, now, config):
    report.status, report.closed_at, report.closed_by = "lapsed", now, "scheduler"
    card = session.scalar(select(Card).where(Card.id == report.card_id).with_for_update())
    if card.state == "preloss" and card.open_report is None:
        by = moves.Mover(actor="scheduler", name="lapse", channel="scheduler")
        moves.move(session, card, "active", by=by, now=now, config=config, reason=f"report {report.reference} lapsed")
    subject = f"report:{report.id}"
    outbox.cancel_pending(session, subject=subject, kinds=REPORT_REMINDERS)
    holder = card.cardholder
    values = {**report_facts(report, card, holder.language, config), "hotline_number": config["HOTLINE_NUMBER"]}
    notify(
        session,
        "lapse_notice",
        subject=subject,
        to=holder.mobile,
        facts=values,
        due_at=now,
        language=holder.language,
        config=config,
        call_id=report.call_id,
    )
