"""The card state machine: every state, every allowed move and who may make it, in one place."""

from .store import CardEvent

STATES = (
    "active", "preloss", "formal_loss", "replacement_applied", "in_production", "ready",
    "collected", "cancelled", "void",
)
ACTORS = ("phone", "operator", "production", "scheduler")

# (from, to) -> who may make the move. Lapsing a phone report is preloss -> active by the
# scheduler; cancelling it because the card turned up is the same move by phone or operator.
MOVES = {
    ("active", "preloss"): {"phone", "operator"},
    ("preloss", "active"): {"phone", "operator", "scheduler"},
    ("active", "formal_loss"): {"operator", "production"},
    ("preloss", "formal_loss"): {"operator", "production"},
    ("formal_loss", "replacement_applied"): {"operator", "production"},
    ("replacement_applied", "in_production"): {"operator", "production"},
    ("in_production", "ready"): {"operator", "production"},
    ("ready", "collected"): {"operator", "production"},
    ("active", "cancelled"): {"operator"},
    ("preloss", "cancelled"): {"operator"},
    ("formal_loss", "cancelled"): {"operator"},
}


class BadMove(ValueError):
    """A move the state machine does not allow; nothing was changed."""

    def __init__(self, current, wanted, actor):
        self.current, self.wanted, self.actor = current, wanted, actor
        super().__init__(f"a card that is {current} cannot become {wanted} by {actor}")


def can_move(current, wanted, actor):
    return actor in MOVES.get((current, wanted), ())


def move(session, card, wanted, *, actor, source="", note="", now):
    """Move `card` to `wanted` and record who did it, or raise BadMove and change nothing."""
    if not can_move(card.state, wanted, actor):
        raise BadMove(card.state, wanted, actor)
    event = CardEvent(
        card_id=card.id, at=now, from_state=card.state, to_state=wanted,
        actor=actor, source=source[:100], note=note,
    )
    card.state = wanted
    card.state_changed_at = now
    session.add(event)
    return event
