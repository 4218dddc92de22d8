"""What the card API does, as plain functions: check a request, move or show a card, shape JSON."""

from sqlalchemy import select

from .. import audit, cards, idnumbers, lifecycle, localtime
from ..collection import uncollected_cards
from ..store import Card, Outlet

# The moves an outlet's counter or the card factory reports; the phone and the scheduler make the others.
API_STATES = ("formal_loss", "replacement_applied", "in_production", "ready", "collected")
MOVE_FIELDS = {"card_number", "state", "outlet_code", "new_card_number", "note"}


class ApiError(Exception):
    """A request refused with an HTTP status and a JSON body saying why; nothing was changed."""

    def __init__(self, status, error, reason, **extra):
        super().__init__(reason)
        self.status = status
        self.body = {"error": error, "reason": reason, **extra}


def text_field(payload, name, *, required=False, limit=20, alnum=True):
    value = payload.get(name)
    if value is None:
        if required:
            raise ApiError(422, "invalid_request", f"{name} is required")
        return None
    if not isinstance(value, str) or not value.strip() or len(value.strip()) > limit:
        raise ApiError(422, "invalid_request", f"{name} must be a non-empty string of at most {limit} characters")
    if alnum and not value.strip().isalnum():
        raise ApiError(422, "invalid_request", f"{name} must be letters and digits only")
    return value.strip()


def check_object(payload, allowed):
    if not isinstance(payload, dict):
        raise ApiError(400, "bad_request", "the body must be a JSON object")
    unknown = sorted(set(payload) - allowed)
    if unknown:
        raise ApiError(422, "invalid_request", "unknown fields: " + ", ".join(unknown))


def locked_card(session, card_number, config):
    """The card with this number, its row locked until the transaction ends."""
    hashed = idnumbers.card_hash(config["ID_HASH_KEY"], card_number)
    card = session.scalar(
        select(Card).where(Card.number_hash == hashed).with_for_update()
        .execution_options(populate_existing=True)
    )
    if card is None:
        raise ApiError(404, "unknown_card", "no card has this number")
    return card


def move_card(session, token, payload, *, now, config, address=""):
    """Make the move asked for by `token`'s system (audited); returns (201, body) or raises ApiError."""
    check_object(payload, MOVE_FIELDS)
    card_number = text_field(payload, "card_number", required=True)
    state = payload.get("state")
    if state not in API_STATES:
        raise ApiError(422, "invalid_request", "state must be one of " + ", ".join(API_STATES))
    outlet_code = text_field(payload, "outlet_code", limit=20, alnum=False)
    new_number = text_field(payload, "new_card_number")
    note = text_field(payload, "note", limit=500, alnum=False) or ""
    card = locked_card(session, card_number, config)
    try:
        event = lifecycle.change_card_state(
            session, card, state, actor=token.actor, source=f"api:{token.name}", now=now, config=config,
            outlet_code=outlet_code, note=note, new_card_number=new_number,
        )
    except cards.BadMove as exc:
        raise ApiError(409, "bad_move", str(exc), current_state=exc.current, wanted_state=exc.wanted) from None
    except lifecycle.MoveDetailError as exc:
        raise ApiError(409 if exc.code == "card_number_taken" else 422, exc.code, str(exc)) from None
    audit.card_move(session, event, card, who=token.name, channel="api", address=address, now=now, reason=note)
    return 201, {"card": card_view(session, card, config), "move": move_view(event, card, config)}


def lookup_card(session, payload, *, config):
    """A card, found by its number, with its history."""
    check_object(payload, {"card_number"})
    card_number = text_field(payload, "card_number", required=True)
    card = lifecycle.find_card(session, card_number, config)
    if card is None:
        raise ApiError(404, "unknown_card", "no card has this number")
    by_id = {card.id: card}
    events = lifecycle.history(session, card)
    for event in events:
        by_id.setdefault(event.card_id, session.get(Card, event.card_id))
    return 200, {
        "card": card_view(session, card, config),
        "history": [move_view(event, by_id[event.card_id], config) for event in events],
    }


def list_uncollected(session, *, now, config, flagged_only):
    rows = uncollected_cards(session, now=now, flagged_only=flagged_only)
    return 200, {"cards": [dict(card_view(session, row.card, config), days_waiting=row.days_waiting) for row in rows]}


def stamp(moment, config):
    return localtime.local(moment, config["IVR_TIMEZONE"]).isoformat() if moment else None


def card_view(session, card, config):
    """A card as the API shows it: never its full number, never its holder's ID number."""
    outlet = session.get(Outlet, card.ready_outlet_id) if card.ready_outlet_id else None
    replaced_by = session.scalar(select(Card.id).where(Card.replaces_card_id == card.id))
    return {
        "id": card.id,
        "number_last4": card.number_last4,
        "state": card.state,
        "state_changed_at": stamp(card.state_changed_at, config),
        "expected_ready_on": card.expected_ready_on.isoformat() if card.expected_ready_on else None,
        "ready_outlet": None if outlet is None else {
            "code": outlet.code, "name": outlet.name, "address": outlet.address, "hours": outlet.hours,
        },
        "flagged_uncollected_at": stamp(card.flagged_uncollected_at, config),
        "replaces_card_id": card.replaces_card_id,
        "replaced_by_card_id": replaced_by,
        "cardholder_id_masked": card.cardholder.id_masked,
    }


def move_view(event, card, config):
    return {
        "id": event.id, "card_id": event.card_id, "card_last4": card.number_last4,
        "at": stamp(event.at, config), "from_state": event.from_state, "to_state": event.to_state,
        "actor": event.actor, "source": event.source, "note": event.note,
    }
