"""Moving a card through its life with the effects each move has (SMS queued or cancelled).

The moves and who may make them are in ivr/cards.py; this module is what the phone flows,
the API, the CLI, the console and the scheduler call.
"""

from . import cards


def change_card_state(session, card, wanted, *, actor, source, now, config, outlet_code=None, note=""):
    """Move `card` to `wanted` (or raise cards.BadMove, changing nothing); returns the CardEvent."""
    return cards.move(session, card, wanted, actor=actor, source=source, note=note, now=now)
