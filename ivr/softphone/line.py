"""A softphone's line: where the hotline is, who calls, and a new call's blank state."""

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ivr.calendar import clock as ivr_clock
from ivr.softphone.queues import Switchboard
from ivr.softphone.words import Problem

API_VERSION = "2010-04-01"
DIAL_STATUSES = ("completed", "busy", "no-answer", "failed", "canceled")
DIALECTS = ("twilio", "jambonz")


class HotlineError(Problem, RuntimeError):
    """The hotline did not answer a request with a 200 (or could not be reached); key and values in words.py."""


@dataclass
class Line:
    """What stays the same for every call: where the hotline is and who is calling."""

    transport: Any  # .request(method, url, form, headers) -> (status, content_type, body)
    url: str  # the Voice URL, absolute
    token: str | None = None  # sign requests as Twilio does when set (jambonz: its webhook secret)
    dialect: str = "twilio"  # or "jambonz": JSON requests and verbs (ivr/softphone/jambonz.py)
    caller: str = "+8613500000000"
    callee: str = "+8610096102"
    account_sid: str = "AC" + "0" * 32
    status_url: str | None = "/voice/status"  # relative to `url`; None: no status callback
    fallback_url: str | None = None
    dial_status: str = "no-answer"  # what a <Dial> pretends happened: the softphone connects no one
    clock: Callable[[], datetime] = field(default=ivr_clock.now)
    # Where queued calls wait and operator lines find them: share one between two Lines.
    switchboard: Any = field(default_factory=lambda: Switchboard())

    def __post_init__(self):
        if self.dialect not in DIALECTS:
            raise ValueError(f"dialect must be one of {', '.join(DIALECTS)}")
        if self.dial_status not in DIAL_STATUSES:
            raise ValueError(f"dial_status must be one of {', '.join(DIAL_STATUSES)}")


def new_state(line):
    """A call that has not rung yet."""
    return {
        "sid": "CA" + secrets.token_hex(16),
        "caller": line.caller,
        "callee": line.callee,
        "started_at": line.clock().isoformat(),
        "events": [],
        "pending": None,
        "ended": False,
        "error": None,
        "language": None,
        "requests": 0,
    }
