"""Persistence: models, the database handle and migrations."""

from .base import Base, utcnow
from .calls import Call, CallEvent, Lockout, VerificationAttempt
from .cardholders import Card, CardEvent, Cardholder, PrelossReport
from .db import db
from .messages import OutgoingMessage
from .optouts import SmsOptOut
from .outlets import Outlet

__all__ = [
    "Base", "Call", "CallEvent", "Card", "CardEvent", "Cardholder", "Lockout", "OutgoingMessage",
    "Outlet", "PrelossReport", "SmsOptOut", "VerificationAttempt", "db", "utcnow",
]
