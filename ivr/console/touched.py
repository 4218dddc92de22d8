"""What a call touched, for its timeline: the masked ID numbers it keyed, the cards it reported or
moved, and the ID numbers it locked. Only keyed hashes are stored; masks come from cardholders."""

from dataclasses import dataclass, field

from ivr.store import Cardholder, call_touches


@dataclass
class Touched:
    holder: Cardholder | None = None
    cards: list = field(default_factory=list)
    locked_ids: list = field(default_factory=list)


NOT_ON_RECORD = "******************"  # an ID number with no cardholder: nothing to show but that it was one


def touched(session, call):
    hashes = {call.id_hash} if call.id_hash else set()
    hashes |= call_touches.keyed_id_hashes(session, call)
    locked = call_touches.locked_id_hashes(session, call)
    hashes |= set(locked)
    holders = call_touches.holders_by_id_hash(session, hashes)
    holder = session.get(Cardholder, call.cardholder_id) if call.cardholder_id else None
    holder = holder or next(iter(holders.values()), None)
    cards = call_touches.cards_touched(session, call)
    locked_ids = [holders[h].id_masked if h in holders else NOT_ON_RECORD for h in locked]
    return Touched(holder=holder, cards=cards, locked_ids=locked_ids)
