"""The one audit log: what a person changed, from the console, the CLI or the API.

Who (operator, CLI user or API token), when, from where (channel and address), what
(an action code, labelled for people in ivr/console/labels.py), on what, and why.
"""

import socket

from ivr.store import AuditEntry


def record(session, who, action, *, now, channel="console", address="", target="", detail="", reason=""):
    """Write one entry; nothing personal goes in (cards by id and last four, numbers masked)."""
    entry = AuditEntry(
        at=now,
        operator=(who or "")[:64],
        action=action[:40],
        target=(target or "")[:100],
        detail=detail or "",
        channel=channel,
        address=(address or "")[:64],
        reason=(reason or "")[:500],
    )
    session.add(entry)
    return entry


def cli_address():
    """Where a CLI command ran: this host's name."""
    return socket.gethostname()[:64]


def card_move(session, event, card, *, who, channel, address, now, reason=""):
    """A card move as an audit entry (the card's own history keeps the move too)."""
    return record(
        session,
        who,
        "card_move",
        now=now,
        channel=channel,
        address=address,
        target=f"card {card.id} …{card.number_last4}",
        detail=f"{event.from_state} -> {event.to_state}",
        reason=reason or event.note,
    )
