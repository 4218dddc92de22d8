"""The one card move: every channel (phone, console, API, CLI, scheduler) moves a card through `move`.

It checks the move against the state machine, makes it with its effects (reports closed, dates set,
the cardholder's SMS queued or cancelled) and, when a person asked for it, writes the audit entry.
A refused move raises `Refused` and changes nothing; each channel turns `Refused.code` into its own
answer (an HTTP status, a console message, a CLI error).
"""

from dataclasses import dataclass

from ivr.cards import lifecycle
from ivr.cards import states as cards
from ivr.store import audit

# The person-facing channels: a move made through them is audited (the phone and the scheduler
# are the cardholder's and the system's own moves, kept in the card's history only).
AUDITED = {"console", "api", "cli"}


@dataclass(frozen=True)
class Mover:
    """Who asks for a move: the state machine's `actor`, a name, the channel and where from."""

    actor: str  # "operator", "outlet", "factory", "centre", "phone", "scheduler"
    name: str  # the operator's or token's name, the CallSid, or the job
    channel: str  # "console", "api", "cli", "phone", "scheduler"
    address: str = ""

    @property
    def source(self):
        """What the card's history records as the move's source."""
        return self.name if self.channel in ("console", "phone", "scheduler") else f"{self.channel}:{self.name}"


class Refused(Exception):
    """A move not made: `code` says why (bad_move, outlet_required, unknown_outlet, ...)."""

    def __init__(self, code, message, *, current=None, wanted=None):
        super().__init__(message)
        self.code, self.current, self.wanted = code, current, wanted


def move(session, card, to, *, by, now, config, reason="", outlet_code=None, new_card_number=None, locked=False):
    """Move `card` to `to` for `by` (a Mover); returns the CardEvent or raises Refused.

    `locked`: the caller already holds the card's row lock and read it under it (the phone's
    report does, to decide whether the card can be reported at all).
    """
    try:
        event = lifecycle.change_card_state(
            session,
            card,
            to,
            actor=by.actor,
            source=by.source,
            now=now,
            config=config,
            outlet_code=outlet_code,
            note=reason,
            new_card_number=new_card_number,
            locked=locked,
        )
    except cards.BadMove as exc:
        raise Refused("bad_move", str(exc), current=exc.current, wanted=exc.wanted) from None
    except lifecycle.MoveDetailError as exc:
        raise Refused(exc.code, str(exc), current=card.state, wanted=to) from None
    if by.channel in AUDITED:
        audit.card_move(
            session, event, card, who=by.name, channel=by.channel, address=by.address, now=now, reason=reason
        )
    return event
