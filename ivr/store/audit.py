"""The one audit log: what a person changed, from the console, the CLI or the API.

Who (operator, CLI user or API token), when, from where (channel and address), what
(an action code, labelled for people in ivr/console/labels.py), on what, and why. Written here,
and read back here for the console's audit page and its CSV.
"""

import socket

from sqlalchemy import select

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


def entries(session, start, end, *, action="", channel="", who="", target="", newest_first=True, limit=None):
    """Entries written in [start, end); an empty filter matches all. Action, channel and who must
    match exactly, the target by its beginning (a typed % is dropped, a _ taken literally: no patterns)."""
    where = [AuditEntry.at >= start, AuditEntry.at < end]
    if action:
        where.append(AuditEntry.action == action)
    if channel:
        where.append(AuditEntry.channel == channel)
    if who:
        where.append(AuditEntry.operator == who)
    if target:
        where.append(AuditEntry.target.like(target.replace("%", "").replace("_", r"\_") + "%", escape="\\"))
    order = (AuditEntry.at.desc(), AuditEntry.id.desc()) if newest_first else (AuditEntry.at, AuditEntry.id)
    return session.scalars(select(AuditEntry).where(*where).order_by(*order).limit(limit)).all()
