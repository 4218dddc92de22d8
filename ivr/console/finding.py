"""Finding a caller or a card for an operator: plain queries, no Flask.

Every key that is personal (a full mobile or caller number, a card number, a name, an ID number)
arrives in a POST body and leaves only as results: card and ID numbers are looked up by their
keyed hash, and nothing typed is logged, stored or put in a URL.
"""

import re
from dataclasses import dataclass, field

from ivr.cards import lifecycle, reports
from ivr.console.calllog import masked
from ivr.directory import holder_search
from ivr.identity import idnumbers, phones
from ivr.operators import callbacks
from ivr.store import CallbackRequest, call_log, references

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
        return Found(callback=callbacks.by_reference(session, value))
    return Found(card_id=reports.card_id_for_reference(session, value))


def by_card(session, value, *, config, **_):
    number = value.replace(" ", "").upper()
    if not (4 <= len(number) <= 20 and number.isalnum()):
        raise BadSearch("card_format")
    card = lifecycle.find_card(session, number, config)
    return Found(card_id=card.id if card else None)


def by_id_number(session, value, *, config, today, **_):
    checked = idnumbers.check(value.replace(" ", ""), today)
    if checked.number is None:
        raise BadSearch("id_number_format")
    hashed = idnumbers.id_hash(config["ID_HASH_KEY"], checked.number)
    return Found(holders=holders(holder_search.with_id_hash(session, hashed, limit=LIMIT)))


def by_name(session, value, **_):
    if len(value) > 100:
        raise BadSearch("name_format")
    return Found(holders=holders(holder_search.named(session, value, limit=LIMIT)))


def by_mobile(session, value, *, config, **_):
    return Found(holders=holders(holder_search.with_mobile(session, e164(value, config), limit=LIMIT)))


def by_mobile4(session, value, *, days, **_):
    """Cardholders whose registered mobile ends in these four and who called, reported or had a card
    move in the days (four digits alone match too many people)."""
    if not LAST4.match(value):
        raise BadSearch("last4_format")
    found = holder_search.mobile_ending_active(session, value, days.start, days.end, limit=LIMIT)
    return Found(holders=holders(found))


def by_caller(session, value, *, days, config, **_):
    return Found(calls=calls(call_log.calls_from(session, e164(value, config), days.start, days.end, limit=LIMIT)))


def by_caller4(session, value, *, days, **_):
    if not LAST4.match(value):
        raise BadSearch("last4_format")
    found = call_log.calls_from(session, value, days.start, days.end, limit=LIMIT, ending=True)
    return Found(calls=calls(found))


def e164(value, config):
    try:
        return phones.to_e164(value, config.get("DEFAULT_REGION", "CN"))
    except phones.BadPhoneNumber:
        raise BadSearch("phone_format") from None


def holders(rows):
    return [
        dict(
            name=h.name,
            id_masked=h.id_masked,
            mobile=masked(h.mobile),
            cards=[dict(id=c.id, last4=c.number_last4, state=c.state) for c in h.cards],
        )
        for h in rows
    ]


def calls(rows):
    return [
        dict(
            id=r.id, call_sid=r.call_sid, started_at=r.started_at, caller=masked(r.from_number), outcome=r.outcome or ""
        )
        for r in rows
    ]
