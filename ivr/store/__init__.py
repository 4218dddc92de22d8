"""Persistence: models, the database handle and migrations."""

from ivr.store.api import ApiToken, IdempotentRequest
from ivr.store.base import Base, utcnow
from ivr.store.calls import Call, CallEvent, Lockout, VerificationAttempt
from ivr.store.cardholders import Card, CardEvent, Cardholder, PrelossReport
from ivr.store.console import AuditEntry, Operator, SignInAttempt
from ivr.store.db import db
from ivr.store.messages import OutgoingMessage
from ivr.store.optouts import SmsOptOut
from ivr.store.outlets import Outlet
from ivr.store.pulled_replies import PulledReply
from ivr.store.queue import CallbackRequest, CallerSms, CallRating, OperatorLine, QueueVisit
from ivr.store.service_hours import ServiceHour, ServiceHourWrapup
from ivr.store.softphone import SoftphoneCall
from ivr.store.stale_hours import StaleServiceHour

__all__ = [
    "ApiToken",
    "AuditEntry",
    "Base",
    "Call",
    "CallEvent",
    "CallRating",
    "CallbackRequest",
    "CallerSms",
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
    "PulledReply",
    "QueueVisit",
    "ServiceHour",
    "ServiceHourWrapup",
    "SignInAttempt",
    "SmsOptOut",
    "SoftphoneCall",
    "StaleServiceHour",
    "VerificationAttempt",
    "db",
    "utcnow",
]
