"""What a call touched, for its timeline: the masked ID numbers it keyed, the cards it reported or
moved, and the ID numbers it locked. Only keyed hashes are stored; masks come from cardholders."""

from dataclasses import dataclass, field

from sqlalchemy import select

from ivr.store import Card, CardEvent, Cardholder, Lockout, PrelossReport, VerificationAttempt


@dataclass
class Touched:
    holder: Cardholder | None = None
    cards: list = field(default_factory=list)
    locked_ids: list = field(default_factory=list)


NOT_ON_RECORD = "******************"  # an ID number with no cardholder: nothing to show but that it was one


def touched(session, call):
    hashes = {call.id_hash} if call.id_hash else set()
    hashes |= set(session.scalars(select(VerificationAttempt.id_hash).where(VerificationAttempt.call_id == call.id)))
    locked = list(session.scalars(select(Lockout.id_hash).where(Lockout.call_id == call.id)))
    hashes |= set(locked)
    holders = (
        {h.id_hash: h for h in session.scalars(select(Cardholder).where(Cardholder.id_hash.in_(hashes)))}
        if hashes
        else {}
    )
    holder = session.get(Cardholder, call.cardholder_id) if call.cardholder_id else None
    holder = holder or next(iter(holders.values()), None)
    card_ids = set(session.scalars(select(PrelossReport.card_id).where(PrelossReport.call_id == call.id)))
    card_ids |= set(session.scalars(select(CardEvent.card_id).where(CardEvent.source == call.call_sid)))
    cards = list(session.scalars(select(Card).where(Card.id.in_(card_ids)).order_by(Card.id))) if card_ids else []
    locked_ids = [holders[h].id_masked if h in holders else NOT_ON_RECORD for h in locked]
    return Touched(holder=holder, cards=cards, locked_ids=locked_ids)
