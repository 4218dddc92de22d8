"""What the card API does, as plain functions: check a request, move or show a card, shape JSON."""

from ivr.api.errors import ApiError
from ivr.api.scope import check_custody, outlet_for_move, own_outlet
from ivr.calendar import localtime
from ivr.cards import lifecycle, moves
from ivr.cards.collection import uncollected_cards
from ivr.store import Card, Outlet


def locked_card(session, card_number, config):
    """The card with this number, its row locked until the transaction ends."""
    card = lifecycle.find_card(session, card_number, config, lock=True)
    if card is None:
        raise ApiError(404, "unknown_card", "no card has this number")
    return card


def move_card(session, token, move, *, now, config, address=""):
    """Make the move `move` (a checked schemas.MoveRequest variant) asked for by `token`'s system.

    Audited; returns (201, body) or raises ApiError.
    """
    card_number, state, note = move.card_number, move.state, (move.note or "").strip()
    outlet_code, new_number = move.outlet_code, getattr(move, "new_card_number", None)
    card = locked_card(session, card_number, config)
    outlet_code = outlet_for_move(session, token, state, outlet_code, card)
    by = moves.Mover(actor=token.actor, name=token.name, channel="api", address=address)
    try:
        event = moves.move(
            session,
            card,
            state,
            by=by,
            now=now,
            config=config,
            reason=note,
            outlet_code=outlet_code,
            new_card_number=new_number,
        )
    except moves.Refused as exc:
        if exc.code == "bad_move":
            raise ApiError(409, "bad_move", str(exc), current_state=exc.current, wanted_state=exc.wanted) from None
        raise ApiError(409 if exc.code == "card_number_taken" else 422, exc.code, str(exc)) from None
    return 201, {"card": card_view(session, card, config), "move": move_view(event, card, config)}


def lookup_card(session, token, lookup, *, config):
    """A card, found by its number (a checked schemas.LookupRequest), with its history; an
    outlet's token sees only cards at its own counter or at none."""
    card_number = lookup.card_number
    card = lifecycle.find_card(session, card_number, config)
    if card is None:
        raise ApiError(404, "unknown_card", "no card has this number")
    check_custody(session, token, card)
    by_id = {card.id: card}
    events = lifecycle.history(session, card)
    for event in events:
        by_id.setdefault(event.card_id, session.get(Card, event.card_id))
    return 200, {
        "card": card_view(session, card, config),
        "history": [move_view(event, by_id[event.card_id], config) for event in events],
    }


def list_uncollected(session, token, *, now, config, overdue_only):
    """Cards waiting for collection: at the token's own outlet only, for an outlet's token."""
    own = own_outlet(session, token)
    rows = uncollected_cards(
        session, now=now, config=config, overdue_only=overdue_only, outlet_id=own.id if own else None
    )
    return 200, {"cards": [dict(card_view(session, row.card, config), days_waiting=row.days_waiting) for row in rows]}


def stamp(moment, config):
    return localtime.local(moment, config["IVR_TIMEZONE"]).isoformat() if moment else None


def card_view(session, card, config):
    """A card as the API shows it: never its full number, never its holder's ID number."""
    outlet = session.get(Outlet, card.ready_outlet_id) if card.ready_outlet_id else None
    replaced_by = lifecycle.replacement_of(session, card)
    return {
        "id": card.id,
        "number_last4": card.number_last4,
        "state": card.state,
        "state_changed_at": stamp(card.state_changed_at, config),
        "expected_ready_on": card.expected_ready_on.isoformat() if card.expected_ready_on else None,
        "ready_outlet": None
        if outlet is None
        else {
            "code": outlet.code,
            "name": outlet.name,
            "address": outlet.address,
            "name_en": outlet.name_en,
            "address_en": outlet.address_en,
            "hours": outlet.hours,
        },
        "flagged_uncollected_at": stamp(card.flagged_uncollected_at, config),
        "replaces_card_id": card.replaces_card_id,
        "replaced_by_card_id": replaced_by,
        "cardholder_id_masked": card.cardholder.id_masked,
    }


def move_view(event, card, config):
    return {
        "id": event.id,
        "card_id": event.card_id,
        "card_last4": card.number_last4,
        "at": stamp(event.at, config),
        "from_state": event.from_state,
        "to_state": event.to_state,
        "actor": event.actor,
        "source": event.source,
        "note": event.note,
    }
