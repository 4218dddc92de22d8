"""What a token may move: an outlet's token reports what happens at its own counter, nothing else.

The card factory's token is limited by the state machine (in production, ready); a token made
with --all-outlets (the card centre's own system) may make every move an operator may.
"""

from ivr.api.errors import ApiError
from ivr.store import Outlet

# What happens at an outlet's counter; "in_production" is the factory's to report.
COUNTER_STATES = ("formal_loss", "replacement_applied", "ready", "collected")


def outlet_for_move(session, token, state, outlet_code, card):
    """The outlet the move happened at, or ApiError 403 when `token` may not make it."""
    if token.actor != "operator" or token.outlet_id is None:
        return outlet_code
    own = session.get(Outlet, token.outlet_id)
    if outlet_code is not None and outlet_code != own.code:
        raise ApiError(403, "outside_token_scope", f"this token acts for outlet {own.code} only")
    if state not in COUNTER_STATES:
        raise ApiError(403, "outside_token_scope", f"an outlet's token cannot report {state}")
    if state == "collected" and card.state == "ready" and card.ready_outlet_id != own.id:
        raise ApiError(403, "outside_token_scope", "the card is waiting at another outlet")
    return own.code
