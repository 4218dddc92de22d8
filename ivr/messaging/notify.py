"""The one front door for every SMS to a cardholder: a kind, the facts, composed from the catalogue, queued.

KINDS says what the hotline can send: each kind, the catalogue keys its text may come from (the
first unless the caller picks another of them) and the facts those keys fill in. A provider that
sends only approved templates (ivr/messaging/templates.py) needs exactly this list: one template
per kind, key and language. No module outside ivr/messaging queues a message any other way
(tests/codebase/test_notify_front_door.py).
"""

import string
from dataclasses import dataclass
from datetime import datetime

from ivr.messaging import outbox
from ivr.prompts import CATALOGUE, hotline_name, placeholders, text


@dataclass(frozen=True)
class Kind:
    """One kind of SMS: the catalogue keys its text comes from, the first being the usual one."""

    keys: tuple[str, ...]

    def parameters(self, key, language):
        """The facts `key` fills in, in the order the text names them."""
        return ordered_placeholders(CATALOGUE[key][language])


OUTLET_REMINDER_FIRST = tuple(f"reminders.formal_report_outlet{s}" for s in ("", "_short", "_shortest"))
OUTLET_REMINDER_LAST = tuple(f"reminders.formal_report_last{s}" for s in ("", "_short", "_shortest"))

KINDS = {
    "preloss_confirmation": Kind(("sms.preloss_confirmation",)),
    # Longest first: the first that fits in two segments names the outlet (ivr/messaging/texts.py).
    "formal_report_reminder": Kind(
        (
            "sms.formal_report_reminder",
            *OUTLET_REMINDER_FIRST,
            *OUTLET_REMINDER_LAST,
            "reminders.formal_report_last_plain",
        )
    ),
    "lapse_notice": Kind(("reminders.lapse_notice",)),
    "preloss_cancelled": Kind(("cancel.sms_confirmation",)),
    "lockout_alert": Kind(("sms.lockout_alert",)),
    "outlet_info": Kind(("outlets.sms_info",)),
    "callback_ack": Kind(("callback.sms_ack",)),
    "card_ready": Kind(("sms.card_ready",)),
    "collection_reminder": Kind(("sms.collection_reminder",)),
    "card_reactivated": Kind(("sms.card_reactivated",)),
    "card_cancelled": Kind(("sms.card_cancelled",)),
    # Answers to a text the cardholder sends (STOP, START, anything else).
    "opted_out": Kind(("reminders.opted_out",)),
    "opted_in": Kind(("reminders.opted_in",)),
    "help": Kind(("reminders.help",)),
}


class UnknownKind(ValueError):
    """A kind, or a key for a kind, that KINDS does not list: nothing is queued."""


def ordered_placeholders(template):
    """The names a catalogue text fills in, each once, in the order they appear."""
    names = [name for _, name, _, _ in string.Formatter().parse(template) if name]
    return tuple(dict.fromkeys(names))


@dataclass(frozen=True)
class Letter:
    """A composed SMS ready for the outbox: its words, and the key and parameters they came from."""

    kind: str
    key: str
    to: str
    body: str
    params: dict
    language: str
    subject: str
    due_at: datetime
    occurrence: int = 1
    call_id: int | None = None

    def row(self):
        """`outbox.queue`'s keyword arguments."""
        return {
            "kind": self.kind,
            "subject": self.subject,
            "to": self.to,
            "body": self.body,
            "due_at": self.due_at,
            "language": self.language,
            "occurrence": self.occurrence,
            "call_id": self.call_id,
            "template": {"key": self.key, "params": self.params},
        }


def compose(kind, *, to, facts, language, subject, due_at, config, key=None, occurrence=1, call_id=None):
    """The Letter for `kind` in `language`; the hotline's name and number are filled in from `config`."""
    known = KINDS.get(kind)
    if known is None:
        raise UnknownKind(kind)
    key = key or known.keys[0]
    if key not in known.keys:
        raise UnknownKind(f"{kind}: {key}")
    values = {"hotline": hotline_name(language, config), "hotline_number": config.get("HOTLINE_NUMBER", "")}
    values.update(facts)
    params = {name: str(values[name]) for name in placeholders(CATALOGUE[key][language]) if name in values}
    return Letter(kind, key, to, text(key, language, **values), params, language, subject, due_at, occurrence, call_id)


def notify(session, kind, *, to, facts, language, subject, due_at, config, key=None, occurrence=1, call_id=None):
    """Compose `kind` and queue it; the same (subject, kind, occurrence) is stored once.

    Returns the stored row and whether this call created it.
    """
    letter = compose(
        kind,
        to=to,
        facts=facts,
        language=language,
        subject=subject,
        due_at=due_at,
        config=config,
        key=key,
        occurrence=occurrence,
        call_id=call_id,
    )
    return post(session, letter)


def post(session, letter):
    """Queue a composed Letter; returns the stored row and whether this call created it."""
    return outbox.queue(session, **letter.row())


def notify_new(session, letters):
    """Queue Letters about a subject created in this transaction, in one INSERT (see outbox.queue_new)."""
    outbox.queue_new(session, [letter.row() for letter in letters])
