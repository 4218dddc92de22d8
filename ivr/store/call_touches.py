"""What one call touched, read back for its timeline: the ID numbers it keyed or locked (as keyed
hashes only), the cardholders those hashes belong to, and the cards it reported or moved."""

from sqlalchemy import select

from ivr.store.calls import Lockout, VerificationAttempt
from ivr.store.cardholders import Card, CardEvent, Cardholder, PrelossReport


def keyed_id_hashes(session, call):
    """The hashes of every ID number the call's caller keyed (or said) to be verified."""
    return set(session.scalars(select(VerificationAttempt.id_hash).where(VerificationAttempt.call_id == call.id)))


def locked_id_hashes(session, call):
    """The hashes of the ID numbers a lockout in this call locked, in the order stored."""
    return list(session.scalars(select(Lockout.id_hash).where(Lockout.call_id == call.id)))


def holders_by_id_hash(session, hashes):
    """{hash: cardholder} for those of these hashes that belong to a cardholder on record."""
    if not hashes:
        return {}
    return {h.id_hash: h for h in session.scalars(select(Cardholder).where(Cardholder.id_hash.in_(hashes)))}


def cards_touched(session, call):
    """The cards the call filed a pre-loss report on or moved, by id."""
    card_ids = set(session.scalars(select(PrelossReport.card_id).where(PrelossReport.call_id == call.id)))
    card_ids |= set(session.scalars(select(CardEvent.card_id).where(CardEvent.source == call.call_sid)))
    if not card_ids:
        return []
    return list(session.scalars(select(Card).where(Card.id.in_(card_ids)).order_by(Card.id)))
