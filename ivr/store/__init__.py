"""Persistence: models, the database handle and migrations."""

from .api import ApiToken, IdempotentRequest
from .base import Base, utcnow
from .calls import Call, CallEvent, Lockout, VerificationAttempt
from .cardholders import Card, CardEvent, Cardholder, PrelossReport
from .console import AuditEntry, Operator, SignInAttempt
from .db import db
from .messages import OutgoingMessage
from .optouts import SmsOptOut
from .outlets import Outlet
from .queue import CallbackRequest, CallRating, OperatorLine, QueueVisit
from .softphone import SoftphoneCall

__all__ = [
    "ApiToken",
    "AuditEntry",
    "Base",
    "Call",
    "CallEvent",
    "CallRating",
    "CallbackRequest",
    "Card",
    "CardEvent",
    "Cardholder",
    "IdempotentRequest",
    "Lockout",
    "Operator",
    "OperatorLine",
    "OutgoingMessage",
    "Outlet",
    "PrelossReport",
    "QueueVisit",
    "SignInAttempt",
    "SmsOptOut",
    "SoftphoneCall",
    "VerificationAttempt",
    "db",
    "utcnow",
]
