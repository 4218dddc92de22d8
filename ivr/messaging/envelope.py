"""What passes between the outbox and a gateway: the message, what the provider found, how it failed."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Envelope:
    """One message as a gateway sees it: already normalised, with how long the provider may hold it."""

    id: int
    kind: str
    to: str
    body: str
    language: str
    validity_seconds: int | None = None
    # The catalogue key and parameters `body` was composed from (ivr/messaging/notify.py), if known.
    template: dict | None = None


@dataclass(frozen=True)
class Found:
    """What a provider says about a message it may have taken: its id and status."""

    sid: str
    status: str


class SendError(Exception):
    """The gateway did not take the message; `permanent` means trying again will not help."""

    def __init__(self, reason, *, permanent=False):
        super().__init__(reason)
        self.permanent = permanent


class UnknownOutcome(Exception):
    """The request may or may not have reached the provider (timeout, connection reset)."""
