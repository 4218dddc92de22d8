"""Moving a card through its life with the effects each move has (SMS queued or cancelled).

The moves and who may make them are in ivr/cards/states.py; this module is what the phone flows,
the API, the CLI, the console and the scheduler call. A refused move raises and changes nothing.
"""

from sqlalchemy import bindparam, select

from ivr.calendar import localtime, workdays
from ivr.cards import states as cards
from ivr.cards.collection import queue_collection_messages
from ivr.cards.holder_notices import notify_holder
from ivr.directory import outlets
from ivr.identity import idnumbers
from ivr.messaging import outbox
from ivr.store import Card, CardEvent, Outlet, PrelossReport


class MoveDetailError(ValueError):
    """A move that is allowed but lacks, or names a wrong, detail; `code` names which."""

    def __init__(self, code, message):
        self.code = code
        super().__init__(message)


def change_card_state(
    session, card, wanted, *, actor, source, now, config, outlet_code=None, note="", new_card_number=None, locked=False
):
    """Move `card` to `wanted` (or raise cards.BadMove / MoveDetailError, changing nothing).

    Called only by ivr/cards/moves.move, the front door that also audits. `outlet_code` names the
    outlet where it happened (required for "ready": where the card waits); `new_card_number` is
    the replacement card's number (required for "collected"). Returns the CardEvent.
    """
    if not locked:
        lock_card(session, card)
    if not cards.can_move(card.state, wanted, actor):
        raise cards.BadMove(card.state, wanted, actor)
    outlet = find_outlet(session, outlet_code) if outlet_code else None
    if wanted == "ready" and outlet is None:
        raise MoveDetailError("outlet_required", "a card ready for collection needs the outlet where it waits")
    new_hash = new_card_hash(session, new_card_number, config) if wanted == "collected" else None
    previous = card.state
    event = cards.move(
        session,
        card,
        wanted,
        actor=actor,
        source=source,
        now=now,
        note=event_note(note, outlet, new_card_number if new_hash else None),
    )
    apply_effects(session, card, previous, wanted, now=now, config=config, source=source, actor=actor, outlet=outlet)
    if new_hash:
        session.add(
            Card(
                cardholder_id=card.cardholder_id,
                number_hash=new_hash,
                number_last4=new_card_number[-4:].upper(),
                state="active",
                state_changed_at=now,
                created_at=now,
                replaces_card_id=card.id,
            )
        )
    session.flush()
    return event


# Built once (ivr/calls.BY_SID says why).
CARD_LOCKED = (
    select(Card).where(Card.id == bindparam("card_id")).with_for_update().execution_options(populate_existing=True)
)
CARD_REPORTS = (
    select(PrelossReport).where(PrelossReport.card_id == bindparam("card_id")).execution_options(populate_existing=True)
)


def lock_card(session, card):
    """Re-read the card's row (and its reports) under a lock, so two moves of one card happen
    one after the other and the second sees what the first did."""
    session.flush()
    # A plain SELECT, not refresh(): refresh would repeat the options the card was loaded with
    # (a joined load of its reports), and FOR UPDATE cannot lock an outer join's nullable side.
    session.execute(CARD_LOCKED, {"card_id": card.id}).all()
    # Reports already in the session keep their old values unless they are read again.
    session.execute(CARD_REPORTS, {"card_id": card.id}).all()
    session.expire(card, ["reports"])


def find_outlet(session, code):
    outlet = outlets.by_code(session, code.strip())
    if outlet is None:
        raise MoveDetailError("unknown_outlet", f"no outlet has the code {code.strip()!r}")
    return outlet


def new_card_hash(session, number, config):
    """The keyed hash of the replacement card's number, which must be well-formed and unused."""
    number = (number or "").strip().upper()
    if not number:
        raise MoveDetailError("new_card_number_required", "a collected card needs the new card's number")
    if not (4 <= len(number) <= 20 and number.isalnum()):
        raise MoveDetailError("bad_new_card_number", "the new card number must be 4 to 20 letters or digits")
    hashed = idnumbers.card_hash(config["ID_HASH_KEY"], number)
    if session.scalar(select(Card.id).where(Card.number_hash == hashed)) is not None:
        raise MoveDetailError("card_number_taken", "the new card number is already on record")
    return hashed


def outlet_in_note(note):
    """The outlet code `event_note` wrote first in a move's note, or None."""
    head = (note or "").split("; ", 1)[0]
    return head.removeprefix("outlet ") if head.startswith("outlet ") else None


def custody_outlet_code(session, card):
    """The outlet that has this card in hand: where it waits or was collected, or where its
    replacement was applied for (until it is ready); None when no outlet has it yet."""
    if card.state in ("ready", "collected") and card.ready_outlet_id:
        return session.get(Outlet, card.ready_outlet_id).code
    if card.state in ("replacement_applied", "in_production"):
        applied = session.scalar(
            select(CardEvent.note)
            .where(CardEvent.card_id == card.id, CardEvent.to_state == "replacement_applied")
            .order_by(CardEvent.at.desc(), CardEvent.id.desc())
            .limit(1)
        )
        return outlet_in_note(applied)
    return None


def event_note(note, outlet, new_card_number):
    parts = [f"outlet {outlet.code}"] if outlet else []
    if new_card_number:
        parts.append(f"new card ending {new_card_number.strip()[-4:].upper()}")
    if note:
        parts.append(note.strip()[:500])
    return "; ".join(parts)


def apply_effects(session, card, previous, wanted, *, now, config, source, actor, outlet):
    """What a move sets off besides the state: reports closed, dates set, SMS queued or cancelled."""
    report = card.open_report if previous == "preloss" else None
    if previous == "preloss":
        close_open_report(session, card, wanted, actor=actor, source=source, now=now)
    if actor == "operator":
        # The phone's cancel flow sends its own SMS; a person's move tells the cardholder the same.
        notify_holder(session, card, previous, wanted, report, now=now, config=config)
    if wanted == "replacement_applied":
        today = localtime.local(now, config["IVR_TIMEZONE"]).date()
        card.expected_ready_on = workdays.nth_working_day_after(today, config["REPLACEMENT_WORKING_DAYS"])
    elif wanted == "ready":
        card.ready_outlet_id = outlet.id
        card.flagged_uncollected_at = None
        queue_collection_messages(session, card, outlet, now=now, config=config)
    elif wanted == "collected":
        outbox.cancel_pending(session, subject=f"card:{card.id}")


# How a pre-loss report ends when its card leaves the preloss state.
REPORT_ENDINGS = {"formal_loss": "formalized", "cancelled": "closed"}


def close_open_report(session, card, wanted, *, actor, source, now):
    """Close the report that suspended the card, and cancel the reminders it no longer needs.

    The cancel flow and the lapse job may close the report themselves first; then there is
    nothing open here and this does nothing.
    """
    report = card.open_report
    if report is None:
        return
    ending = REPORT_ENDINGS.get(wanted) or ("lapsed" if actor == "scheduler" else "cancelled")
    report.status, report.closed_at, report.closed_by = ending, now, (source or actor)[:100]
    outbox.cancel_pending(session, subject=f"report:{report.id}", kinds=["formal_report_reminder"])


def find_card(session, card_number, config, *, lock=False):
    """The card with this number (looked up by its keyed hash), or None; with `lock`, its row
    locked until the transaction ends (and read afresh, whatever the session held)."""
    hashed = idnumbers.card_hash(config["ID_HASH_KEY"], card_number or "")
    statement = select(Card).where(Card.number_hash == hashed)
    if lock:
        statement = statement.with_for_update().execution_options(populate_existing=True)
    return session.scalar(statement)


def replacement_of(session, card):
    """The id of the card that replaced this one, or None."""
    return session.scalar(select(Card.id).where(Card.replaces_card_id == card.id))


def history(session, card):
    """Every move of this card and of the lost cards it replaced, oldest first."""
    chain, seen = [card.id], {card.id}
    current = card
    while current.replaces_card_id and current.replaces_card_id not in seen:
        current = session.get(Card, current.replaces_card_id)
        chain.append(current.id)
        seen.add(current.id)
    return list(
        session.scalars(select(CardEvent).where(CardEvent.card_id.in_(chain)).order_by(CardEvent.at, CardEvent.id))
    )


def events_of(session, card_id):
    """This card's own moves, in the order made (`history` adds the cards it replaced)."""
    return session.scalars(select(CardEvent).where(CardEvent.card_id == card_id).order_by(CardEvent.id)).all()
