"""The card state machine: every state, every allowed move and who may make it, in one place.

One Card row follows one physical card and, once it is lost, the replacement made for it:
active -> preloss (phone) -> formal_loss (outlet) -> replacement_applied -> in_production ->
ready (at an outlet) -> collected. `collected` is the lost card's last state (it is void from
then on); the new card gets a Card row of its own, `active`, pointing back with replaces_card_id.
A pre-loss report that lapses, or is withdrawn because the card turned up, is the move
preloss -> active (by the scheduler, or by phone or an operator): "lapsed back to active" is
that move in the history, not a state of its own.
"""

from ivr.store import CardEvent

STATES = (
    "active",
    "preloss",
    "formal_loss",
    "replacement_applied",
    "in_production",
    "ready",
    "collected",
    "cancelled",
)
ACTORS = ("phone", "operator", "production", "scheduler")

# (from, to) -> who may make the move. "operator" is a person at an outlet counter or in the
# console (CLI, console, or an outlet's API token); "production" is the card factory's system,
# which only reports what happens to the card it makes.
MOVES = {
    ("active", "preloss"): {"phone", "operator"},
    ("preloss", "active"): {"phone", "operator", "scheduler"},
    ("active", "formal_loss"): {"operator"},
    ("preloss", "formal_loss"): {"operator"},
    ("formal_loss", "replacement_applied"): {"operator"},
    ("replacement_applied", "in_production"): {"operator", "production"},
    ("in_production", "ready"): {"operator", "production"},
    ("ready", "collected"): {"operator"},
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


def next_states(current, actor):
    """The states `actor` may move a card in `current` to, in the order of STATES."""
    return [state for state in STATES if can_move(current, state, actor)]


def move(session, card, wanted, *, actor, source="", note="", now):
    """Move `card` to `wanted` and record who did it, or raise BadMove and change nothing."""
    if not can_move(card.state, wanted, actor):
        raise BadMove(card.state, wanted, actor)
    event = CardEvent(
        card_id=card.id,
        at=now,
        from_state=card.state,
        to_state=wanted,
        actor=actor,
        source=(source or "")[:100],
        note=note or "",
    )
    card.state = wanted
    card.state_changed_at = now
    session.add(event)
    return event
