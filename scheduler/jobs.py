"""Jobs: module-level functions with fixed ids, each opening its own database session."""

import os
import socket
from dataclasses import dataclass
from typing import Callable

from ivr import clock
from ivr.sms.dispatch import send_due
from ivr.sms.gateways import build_gateway
from ivr.store import db

SENDER_ID = f"{socket.gethostname()}:{os.getpid()}"


def dispatch_messages(app):
    """Send every SMS that is due."""
    with app.app_context():
        gateway = build_gateway(app.config, clock.now)
        while send_due(db, gateway, now=clock.now(), sender=SENDER_ID):
            pass


@dataclass(frozen=True)
class Job:
    id: str
    run: Callable
    every_seconds: int


JOBS = (Job("dispatch-messages", dispatch_messages, 5),)

from scheduler.cards import flag_uncollected_cards  # noqa: E402  (card lifecycle, issue 5)
JOBS += (Job("flag-uncollected-cards", flag_uncollected_cards, 3600),)
