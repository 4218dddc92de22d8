"""The one front door for every SMS to a cardholder: a kind, the facts, composed from the catalogue, queued.

KINDS (ivr/messaging/kinds.py) says what the hotline can send: each kind and the catalogue keys its
text may come from (the first unless the caller picks another of them). With a mainland provider a
key whose values its rules refuse gives way to a plainer one (ivr/messaging/fallback_forms.py).
No module outside ivr/messaging queues a message any other way
(tests/codebase/test_notify_front_door.py).
"""

from dataclasses import dataclass
from datetime import datetime

from ivr.messaging import fallback_forms, outbox
from ivr.messaging.kinds import KINDS
from ivr.prompts import CATALOGUE, hotline_name, placeholders, text


class UnknownKind(ValueError):
    """A kind, or a key for a kind, that KINDS does not list: nothing is queued."""


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
    key = fallback_forms.plainest(known, key, language, values, config)
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
