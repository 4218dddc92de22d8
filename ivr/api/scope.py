"""What a token may read and move: an outlet's token sees and reports only the cards at its own
counter (and cards no outlet has in hand yet, for a cardholder who walks in), nothing else.

The card factory's token is limited by the state machine (in production, ready); a token made
with --all-outlets (the card centre's own system) may make every move an operator may.
"""

from ivr.api.errors import ApiError
from ivr.cards.lifecycle import custody_outlet_code
from ivr.store import Outlet


def own_outlet(session, token):
    """The outlet an outlet-scoped token acts for; None for the factory's and the centre's tokens."""
    if token.actor != "operator" or token.outlet_id is None:
        return None
    return session.get(Outlet, token.outlet_id)


def check_custody(session, token, card):
    """ApiError 403 when an outlet's token asks about a card another outlet has in hand."""
    own = own_outlet(session, token)
    held_by = custody_outlet_code(session, card) if own is not None else None
    if held_by is not None and held_by != own.code:
        raise ApiError(403, "outside_token_scope", "the card is in another outlet's care")


# What happens at an outlet's counter; "in_production" is the factory's to report.
COUNTER_STATES = ("formal_loss", "replacement_applied", "ready", "collected")


def outlet_for_move(session, token, state, outlet_code, card):
    """The outlet the move happened at, or ApiError 403 when `token` may not make it."""
    own = own_outlet(session, token)
    if own is None:
        return outlet_code
    check_custody(session, token, card)
    if outlet_code is not None and outlet_code != own.code:
        raise ApiError(403, "outside_token_scope", f"this token acts for outlet {own.code} only")
    if state not in COUNTER_STATES:
        raise ApiError(403, "outside_token_scope", f"an outlet's token cannot report {state}")
    if state == "collected" and card.state == "ready" and card.ready_outlet_id != own.id:
        raise ApiError(403, "outside_token_scope", "the card is waiting at another outlet")
    return own.code
