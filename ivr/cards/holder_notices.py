"""The SMS a cardholder gets when a person lifts their card's suspension or ends the card.

A cancel by phone already tells the cardholder ("if this was not you, call …"); a move made in
the console or by the CLI must tell them just the same, since it is the same risk to them.
"""

from ivr.cards.facts import report_facts
from ivr.messaging.notify import notify
from ivr.prompts import hotline_name


# Moves that lift a suspension or end a card: they ask a person for a reason and a confirmation.
def is_sensitive(previous, wanted):
    return (previous, wanted) == ("preloss", "active") or wanted == "cancelled"


def notify_holder(session, card, previous, wanted, report, *, now, config):
    """Queue the cardholder's SMS for a sensitive move made by a person (not the phone or scheduler)."""
    if not is_sensitive(previous, wanted):
        return None
    holder = card.cardholder
    language = holder.language
    facts = {
        "hotline": hotline_name(language, config),
        "hotline_number": config["HOTLINE_NUMBER"],
        "card_last4": card.number_last4,
    }
    if wanted == "active" and report is not None:
        facts.update(report_facts(report, card, language, config))
        kind, subject = "preloss_cancelled", f"report:{report.id}"
    elif wanted == "active":
        kind, subject = "card_reactivated", f"card:{card.id}"
    else:
        kind, subject = "card_cancelled", f"card:{card.id}"
    message, _ = notify(
        session, kind, subject=subject, to=holder.mobile, facts=facts, due_at=now, language=language, config=config
    )
    return message
