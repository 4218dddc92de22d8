"""Persistence: models, the database handle and migrations."""

from .api import ApiToken, IdempotentRequest
from .base import Base, utcnow
from .calls import Call, CallEvent, Lockout, VerificationAttempt
from .cardholders import Card, CardEvent, Cardholder, PrelossReport
from .db import db
from .messages import OutgoingMessage
from .optouts import SmsOptOut
from .outlets import Outlet
from .softphone import SoftphoneCall

__all__ = [
    "ApiToken", "Base", "Call", "CallEvent", "Card", "CardEvent", "Cardholder", "IdempotentRequest",
    "Lockout", "OutgoingMessage", "Outlet", "PrelossReport", "SmsOptOut", "SoftphoneCall",
    "VerificationAttempt", "db", "utcnow",
]
