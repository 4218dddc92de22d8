"""Finding cardholders for an operator's search: by ID number (its keyed hash), name, registered
mobile, or the mobile's last four among the people active in a time range. Each answer is at most
`limit` cardholders, in the order they were loaded."""

from sqlalchemy import or_, select

from ivr.store import Call, Card, CardEvent, Cardholder, PrelossReport


def _listed(session, limit, *conditions):
    return session.scalars(select(Cardholder).where(*conditions).order_by(Cardholder.id).limit(limit)).all()


def with_id_hash(session, id_hash, *, limit):
    return _listed(session, limit, Cardholder.id_hash == id_hash)


def named(session, name, *, limit):
    return _listed(session, limit, Cardholder.name == name)


def with_mobile(session, mobile, *, limit):
    """Cardholders whose registered mobile is this E.164 number."""
    return _listed(session, limit, Cardholder.mobile == mobile)


def mobile_ending_active(session, last4, start, end, *, limit):
    """Cardholders whose registered mobile ends in these four digits and who called, reported or had a
    card move in [start, end) (four digits alone match too many people)."""
    called = select(Call.cardholder_id).where(Call.started_at >= start, Call.started_at < end)
    reported = (
        select(Card.cardholder_id)
        .join(PrelossReport, PrelossReport.card_id == Card.id)
        .where(PrelossReport.filed_at >= start, PrelossReport.filed_at < end)
    )
    moved = (
        select(Card.cardholder_id)
        .join(CardEvent, CardEvent.card_id == Card.id)
        .where(CardEvent.at >= start, CardEvent.at < end)
    )
    active = or_(Cardholder.id.in_(called), Cardholder.id.in_(reported), Cardholder.id.in_(moved))
    return _listed(session, limit, Cardholder.mobile.like(f"%{last4}"), active)
