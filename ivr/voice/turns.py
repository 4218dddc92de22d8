"""A Turn: everything one step of a call is handed, so no step reads the request or a global.

The step runner (ivr/voice/webhook.py) reads the request once and makes the Turn; a step in
ivr/flows/ reads the caller's keys, words and the query string from it, writes through its
`session`, and fills its `reply`. Nothing a step does reaches the database before the runner's
commit: `calls.commit(session)` writes the call's row and its events, commits, then counts them.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask import current_app, request
from sqlalchemy.orm import Session

from ivr.voice import answers, inbound
from ivr.voice.twiml import Reply

NO_SPEECH = None  # `said` when the caller keyed something, or said nothing


@dataclass
class Turn:
    """One step's view of its call: `step(turn)` instead of `(call, reply, now)` plus globals.

    `session` is the one the runner commits (on SQLite, for a `writes_call_only` step, a read-only
    snapshot: ivr/voice/unlocked.py); `settings` the app's configuration; `keys` what was keyed
    ("" for none); `said` (words, confidence) when the caller spoke instead; `query` the action
    URL's own parameters (the turn, a purpose, a reason); `fields` every other field the engine
    sent, under Twilio's names.
    """

    call: Any  # ivr.voice.calls.CallRow (None on the operator line and a queued call's hooks)
    reply: Reply
    now: datetime
    session: Session
    settings: Mapping
    keys: str = ""
    said: tuple[str, str] | None = NO_SPEECH
    query: Mapping = field(default_factory=dict)
    fields: Mapping = field(default_factory=dict)
    path: str = ""
    engine: str = inbound.TWILIO

    def chosen(self, listen, spoken_keys):
        """What the caller chose at a question that listened for `listen` (None: keys only): the
        keys, or the keys their words stand for in `spoken_keys` (ivr/voice/answers.py)."""
        return answers.answer(self, listen, spoken_keys)

    def field(self, name, default=""):
        """A field the engine sent, under Twilio's name ("" when it sent none)."""
        return self.fields.get(name, default)

    def keys_while_queued(self):
        """Whether the engine hears keys while the caller waits in a queue: Twilio's wait URL may
        <Gather>; jambonz's waitHook allows only say, play, pause and leave."""
        return self.engine == inbound.TWILIO


def read_request(call, reply, now, session, items=None):
    """The Turn for this request: the one place a step's inputs are read from it.

    Keys win over words: an engine that heard both posts the keys, and a key is never
    second-guessed. The words are the caller's own, judged by ivr/voice/understanding.py and
    never kept. `items` are the request's fields as inbound.fields() gives them, when the runner
    has read them already (it fingerprints them to recognise a retry).
    """
    fields = dict(inbound.fields() if items is None else items)
    keys = fields.get("Digits", "")
    words = "" if keys else fields.get("SpeechResult", "").strip()
    return Turn(
        call=call,
        reply=reply,
        now=now,
        session=session,
        settings=current_app.config,
        keys=keys,
        said=(words, fields.get("Confidence", "")) if words else NO_SPEECH,
        query=request.args.to_dict(),
        fields=fields,
        path=request.path,
        engine=inbound.engine(),
    )
