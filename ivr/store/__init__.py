"""Persistence: models, the database handle and migrations."""

from .base import Base, utcnow
from .calls import Call, CallEvent, Lockout, VerificationAttempt
from .cardholders import Card, CardEvent, Cardholder, PrelossReport
from .console import AuditEntry, Operator, SignInAttempt
from .db import db
from .messages import OutgoingMessage
from .outlets import Outlet

__all__ = [
    "Base", "Call", "CallEvent", "Card", "CardEvent", "Cardholder", "Lockout", "OutgoingMessage",
    "Outlet", "PrelossReport", "VerificationAttempt", "db", "utcnow",
    "AuditEntry", "Operator", "SignInAttempt",
]
