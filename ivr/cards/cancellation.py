"""Cancelling a pre-loss report by phone because the card turned up: the card works again."""

from dataclasses import dataclass

from ivr.cards import lifecycle, moves
from ivr.cards.facts import report_facts
from ivr.messaging import outbox
from ivr.messaging.notify import notify
from ivr.store import Card, PrelossReport

# A card in one of these states has gone past the phone report; only an outlet can help.
BEYOND_PHONE = {"formal_loss", "replacement_applied", "in_production", "ready", "collected", "cancelled"}


@dataclass(frozen=True)
class Verdict:
    """Can the report be cancelled? ok, not_allowed, no_card, no_report, lapsed,
    already_cancelled, beyond; after cancelling: done."""

    outcome: str
    card: Card | None = None
    report: PrelossReport | None = None


def latest_report(card):
    return card.reports[-1] if card.reports else None


def check(card, config):
    """What a caller asking to cancel would be told; changes nothing."""
    if not config["ALLOW_PHONE_CANCEL"]:
        return Verdict("not_allowed", card)
    if card is None:
        return Verdict("no_card")
    if card.state in BEYOND_PHONE:
        return Verdict("beyond", card, latest_report(card))
    report = card.open_report
    if card.state == "preloss" and report is not None:
        return Verdict("ok", card, report)
    last = latest_report(card)
    if card.state == "active" and last is not None and last.status in ("lapsed", "cancelled"):
        return Verdict("lapsed" if last.status == "lapsed" else "already_cancelled", card, last)
    if card.state == "preloss":
        return Verdict("beyond", card)  # suspended some other way (e.g. by an operator)
    return Verdict("no_report", card)


def cancel_report(session, call, cardholder, *, now, config):
    """Reactivate the card, close its report, cancel its reminders and confirm by SMS."""
    card = cardholder.current_card
    if card is not None:
        lifecycle.lock_card(session, card)  # another call may have just cancelled
    verdict = check(card, config)
    if verdict.outcome != "ok":
        return verdict
    report = verdict.report
    by = moves.Mover(actor="phone", name=call.call_sid, channel="phone")
    moves.move(session, card, "active", by=by, now=now, config=config, locked=True)
    report.status, report.closed_at, report.closed_by = "cancelled", now, f"phone:{call.call_sid}"[:100]
    subject = f"report:{report.id}"
    outbox.cancel_pending(session, subject=subject)
    language = call.language or cardholder.language  # the caller's choice on this call
    facts = {**report_facts(report, card, language, config), "hotline_number": config["HOTLINE_NUMBER"]}
    notify(
        session,
        "preloss_cancelled",
        subject=subject,
        to=cardholder.mobile,
        facts=facts,
        due_at=now,
        language=language,
        config=config,
        call_id=call.id,
    )
    return Verdict("done", card, report)
