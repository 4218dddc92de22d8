"""Finding a caller or a card for an operator: plain queries, no Flask.

Every key that is personal (a full mobile or caller number, a card number, a name, an ID number)
arrives in a POST body and leaves only as results: card and ID numbers are looked up by their
keyed hash, and nothing typed is logged, stored or put in a URL.
"""

import re
from dataclasses import dataclass, field

from sqlalchemy import or_, select

from ivr.console.calllog import masked
from ivr.identity import idnumbers, phones
from ivr.store import Call, CallbackRequest, Card, CardEvent, Cardholder, PrelossReport, references

KEYS = ("reference", "card", "id_number", "name", "mobile", "mobile4", "caller", "caller4")
LAST4 = re.compile(r"^\d{4}$")
LIMIT = 100


class BadSearch(ValueError):
    """A search key that cannot be right; `code` says why (the page words it)."""

    def __init__(self, code):
        self.code = code
        super().__init__(code)


@dataclass
class Found:
    holders: list = field(default_factory=list)  # dicts: name, id_masked, mobile (masked), cards
    calls: list = field(default_factory=list)  # dicts: id, call_sid, started_at, caller (masked), outcome
    card_id: int | None = None  # one card found outright (reference, card number)
    callback: CallbackRequest | None = None  # one callback request found outright (its reference)
    nothing: bool = False


def search(session, key, value, *, days, config, today):
    """Run one search; BadSearch when the value cannot be that key."""
    value = (value or "").strip()
    if key not in KEYS:
        raise BadSearch("unknown_key")
    if not value:
        raise BadSearch("empty")
    found = globals()[f"by_{key}"](session, value, days=days, config=config, today=today)
    found.nothing = found.card_id is None and found.callback is None and not found.holders and not found.calls
    return found


def by_reference(session, value, **_):
    """A pre-loss report's reference (8 digits) finds its card; a callback request's (7) the request.
    Callers hear both as 受理编号: the length says which the operator was given."""
    kind = references.kind_of(value)
    if kind is None:
        raise BadSearch("reference_format")
    if kind is references.CALLBACK:
        return Found(callback=session.scalar(select(CallbackRequest).where(CallbackRequest.reference == value)))
    return Found(card_id=session.scalar(select(PrelossReport.card_id).where(PrelossReport.reference == value)))


def by_card(session, value, *, config, **_):
    number = value.replace(" ", "").upper()
    if not (4 <= len(number) <= 20 and number.isalnum()):
        raise BadSearch("card_format")
    hashed = idnumbers.card_hash(config["ID_HASH_KEY"], number)
    return Found(card_id=session.scalar(select(Card.id).where(Card.number_hash == hashed)))


def by_id_number(session, value, *, config, today, **_):
    checked = idnumbers.check(value.replace(" ", ""), today)
    if checked.number is None:
        raise BadSearch("id_number_format")
    hashed = idnumbers.id_hash(config["ID_HASH_KEY"], checked.number)
    return Found(holders=holders(session, select(Cardholder).where(Cardholder.id_hash == hashed)))


def by_name(session, value, **_):
    if len(value) > 100:
        raise BadSearch("name_format")
    return Found(holders=holders(session, select(Cardholder).where(Cardholder.name == value)))


def by_mobile(session, value, *, config, **_):
    return Found(holders=holders(session, select(Cardholder).where(Cardholder.mobile == e164(value, config))))


def by_mobile4(session, value, *, days, **_):
    """Cardholders whose registered mobile ends in these four and who called, reported or had a card
    move in the days (four digits alone match too many people)."""
    if not LAST4.match(value):
        raise BadSearch("last4_format")
    called = select(Call.cardholder_id).where(Call.started_at >= days.start, Call.started_at < days.end)
    reported = (
        select(Card.cardholder_id)
        .join(PrelossReport, PrelossReport.card_id == Card.id)
        .where(PrelossReport.filed_at >= days.start, PrelossReport.filed_at < days.end)
    )
    moved = (
        select(Card.cardholder_id)
        .join(CardEvent, CardEvent.card_id == Card.id)
        .where(CardEvent.at >= days.start, CardEvent.at < days.end)
    )
    query = select(Cardholder).where(
        Cardholder.mobile.like(f"%{value}"),
        or_(Cardholder.id.in_(called), Cardholder.id.in_(reported), Cardholder.id.in_(moved)),
    )
    return Found(holders=holders(session, query))


def by_caller(session, value, *, days, config, **_):
    return Found(calls=calls(session, Call.from_number == e164(value, config), days))


def by_caller4(session, value, *, days, **_):
    if not LAST4.match(value):
        raise BadSearch("last4_format")
    return Found(calls=calls(session, Call.from_number.like(f"%{value}"), days))


def e164(value, config):
    try:
        return phones.to_e164(value, config.get("DEFAULT_REGION", "CN"))
    except phones.BadPhoneNumber:
        raise BadSearch("phone_format") from None


def holders(session, query):
    rows = session.scalars(query.order_by(Cardholder.id).limit(LIMIT)).all()
    return [
        dict(
            name=h.name,
            id_masked=h.id_masked,
            mobile=masked(h.mobile),
            cards=[dict(id=c.id, last4=c.number_last4, state=c.state) for c in h.cards],
        )
        for h in rows
    ]


def calls(session, condition, days):
    rows = session.execute(
        select(Call.id, Call.call_sid, Call.started_at, Call.from_number, Call.outcome)
        .where(condition, Call.started_at >= days.start, Call.started_at < days.end)
        .order_by(Call.started_at.desc())
        .limit(LIMIT)
    ).all()
    return [
        dict(
            id=r.id, call_sid=r.call_sid, started_at=r.started_at, caller=masked(r.from_number), outcome=r.outcome or ""
        )
        for r in rows
    ]
