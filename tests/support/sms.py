"""Helpers for the reminder-engine tests: run the scheduler's jobs, queue messages, fake gateways."""

from datetime import UTC, datetime

from sqlalchemy import insert, select

from ivr.messaging import outbox
from ivr.messaging.envelope import SendError, UnknownOutcome
from ivr.store import OutgoingMessage, db
from scheduler.jobs import dispatch_messages, lapse_reports
from tests.support.known import BEIJING


def beijing(*args):
    """A Beijing wall-clock time as the UTC moment the database keeps."""
    return datetime(*args, tzinfo=BEIJING).astimezone(UTC)


def tick(app, gateway=None, sender="test-sender"):
    """One run of each scheduler job, as APScheduler would run them."""
    lapse_reports(app)
    return dispatch_messages(app, gateway=gateway, sender=sender)


def queue_sms(
    app,
    *,
    kind="formal_report_reminder",
    subject="report:1",
    to="+8613800138000",
    body="hello",
    due_at,
    occurrence=1,
    language="zh",
):
    with app.app_context(), db.new_session() as session:
        row, _ = outbox.queue(
            session,
            kind=kind,
            subject=subject,
            to=to,
            body=body,
            due_at=due_at,
            language=language,
            occurrence=occurrence,
        )
        return row.id


def stored_messages(app, **where):
    with app.app_context(), db.new_session() as session:
        statement = select(OutgoingMessage).order_by(OutgoingMessage.id)
        for name, value in where.items():
            statement = statement.where(getattr(OutgoingMessage, name) == value)
        return session.scalars(statement).all()


def stored_message(app, message_id):
    with app.app_context(), db.new_session() as session:
        return session.get(OutgoingMessage, message_id)


class ScriptedGateway:
    """Answers each send with the next scripted outcome: a sid, or an exception to raise."""

    def __init__(self, *outcomes, found=None):
        self.outcomes = list(outcomes)
        self.sent = []
        self.found = found

    def send(self, envelope):
        self.sent.append(envelope)
        outcome = self.outcomes.pop(0) if self.outcomes else f"SM{envelope.id:032d}"
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    def lookup(self, envelope, since):
        return self.found


def transient_error(reason="twilio 503: unavailable"):
    return SendError(reason)


def permanent_error(reason="twilio 400 21211: invalid 'To' number"):
    return SendError(reason, permanent=True)


def unknown_outcome():
    return UnknownOutcome("ReadTimeout")


def scripted_gateway(*outcomes, found=None):
    return ScriptedGateway(*outcomes, found=found)


def fill_outbox(app, count, *, at, distinct_numbers=False, body="message {n}", **fields):
    """`count` confirmations due at `at`, put straight into the outbox in one INSERT; every id there."""
    rows = [
        {
            "kind": "preloss_confirmation",
            "subject": f"report:{n}",
            "occurrence": 1,
            "to_number": f"+86138{n:08d}" if distinct_numbers else "+8613800138000",
            "language": "zh",
            "body": body.format(n=n),
            "due_at": at,
            "state": "pending",
            "attempts": 0,
            "created_at": at,
            **fields,
        }
        for n in range(count)
    ]
    with app.app_context(), db.new_session() as session:
        session.execute(insert(OutgoingMessage), rows)
        return session.scalars(select(OutgoingMessage.id).order_by(OutgoingMessage.id)).all()
