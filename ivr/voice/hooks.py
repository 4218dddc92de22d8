"""Runners for the voice webhooks that are not steps of a call's menu: the queue's hooks and the
status callback (the call found by CallSid, no turn taken) and the operator line (no call of the
hotline's at all). Like the step runner, each reads the request once into a Turn, writes the
calls it held and commits once (calls.commit), and answers an error with a reply, never a 500.
"""

import logging
from functools import wraps

from flask import current_app, request

from ivr.calendar import clock
from ivr.store import db
from ivr.voice import calls, inbound
from ivr.voice.replies import send
from ivr.voice.turns import read_request
from ivr.voice.twiml import Reply
from ivr.voice.webhook import CALL_SID

log = logging.getLogger(__name__)


def call_hook(*, unknown, failed, what):
    """Wrap `hook(turn)` for a call's webhook: the call locked by CallSid (`turn.call`).

    `unknown()`: the reply when no call has this CallSid (None: the hook runs with no call);
    `failed()`: the reply after an error, logged as `what` failed.
    """

    def wrap(hook):
        @wraps(hook)
        def handle():
            sid, session = inbound.field("CallSid"), db.session
            try:
                call = calls.find(session, sid, lock=True) if CALL_SID.match(sid) else None
                if call is None and (unknown is not None or not CALL_SID.match(sid)):
                    return send(unknown() if unknown is not None else Reply())
                reply = Reply(call.language) if call is not None else Reply()
                return run(hook, read_request(call, reply, clock.now(), session))
            except Exception:
                session.rollback()
                log.exception("%s %s failed", what, request.path)
                return send(failed())

        return handle

    return wrap


def line_hook(*, failed):
    """Wrap `hook(turn)` for the operator line: no call of the hotline's, replies in
    AGENT_LANGUAGE; `failed(language)` is the reply after an error."""

    def wrap(hook):
        @wraps(hook)
        def handle():
            session, language = db.session, current_app.config["AGENT_LANGUAGE"]
            try:
                return run(hook, read_request(None, Reply(language), clock.now(), session))
            except Exception:
                session.rollback()
                log.exception("the operator line failed")
                return send(failed(language))

        return handle

    return wrap


def run(hook, turn):
    hook(turn)
    # The call's row and the events the hook recorded; a commit even after a mere read, since a
    # ROLLBACK would cost the connection its prepared statements.
    calls.commit(turn.session)
    return send(turn.reply)
