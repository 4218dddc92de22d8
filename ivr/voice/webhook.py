"""The step runner: what every voice webhook shares. The call's state by CallSid, retries, one
commit, and no 500s. It is the one place a step's inputs are read from the request
(ivr/voice/turns.py); a step is `step(turn)` and never reads the request or a global.

What a webhook writes, and when, is all here: the step's own writes go through `turn.session`;
the call's row and its log are held (ivr/voice/calls.py) and written by `calls.commit`, which
writes them, commits once, then counts the events in the metrics; on SQLite a `writes_call_only`
step is decided without the write lock (ivr/voice/unlocked.py). Two rules of the store apply to
that commit: it waits for the disk unless the transaction wrote nothing but the call's progress
(ivr/store/durability.py), and on SQLite writers take turns in arrival order
(ivr/store/sqlite_writer.py); and a flush that changes a queue stay, a rating or a callback of
an hour that has ended marks that hour to be summed again (ivr/store/stale_hours.py). Nothing else
runs at commit (tests/codebase/test_nothing_hides_in_a_commit.py).
"""

import hashlib
import hmac
import logging
import re
import time
from functools import wraps

from flask import current_app, g, request
from sqlalchemy.exc import DBAPIError

from ivr.calendar import clock
from ivr.directory.holders import verified_holder
from ivr.store import db
from ivr.voice import calls, inbound
from ivr.voice.replies import respond, send
from ivr.voice.turn_taking import SlowWorkFirst, answered_before, take_turn
from ivr.voice.twiml import Reply
from ivr.voice.unlocked import answer_unlocked

QUICK_FAILURE_SECONDS = 1.0  # a stale pooled connection fails at once; a hung database does not
log = logging.getLogger(__name__)
CALL_SID = re.compile(r"^CA[0-9a-fA-F]{32}$|^[A-Za-z0-9_-]{1,64}$")


def request_digest(items):
    """A keyed fingerprint of this request, so a retry can be told apart from a new key press."""
    material = "\n".join([request.method, request.full_path] + [f"{k}={v}" for k, v in items])
    key = current_app.config["ID_HASH_KEY"].encode()
    return hmac.new(key, material.encode(), hashlib.sha256).hexdigest()


def apology(language=None):
    """The answer when something broke: sorry, nothing changed, here is what to do instead."""
    g.apologised = True  # counted as a failed webhook (ivr/platform/metrics.py), though it is a 200
    reply = Reply(language or "zh")
    if language:
        reply.say("common.system_error")
    else:
        reply.say("common.system_error", language="zh").say("common.system_error", language="en")
    return send(reply.hangup())


def voice_step(step=None, *, starts_call=False, prepare=None, runs_in_place=False, writes_call_only=False):
    """Wrap a step `step(turn)`: load the call by CallSid, answer retries, write the call, commit once.

    The step fills `turn.reply`; whatever it raises becomes an apology, never a 500. Slow work (a
    password under an old hash scheme) goes in `prepare(read_session, call, keys)`: a step that
    finds it has slow work to do raises SlowWorkFirst, and the step starts again with `prepare`
    run first, on a session that takes no lock. Its result reaches the step as `prepared=`, and
    the step must check it still fits the call it now holds locked. Work of microseconds (an
    HMAC) is simply done under the lock, which costs fewer round trips than a session of its own.

    `runs_in_place`: the step reads nothing of the request (no keys, no query string), so a reply
    that ends by sending the caller to it runs it at once instead (turn_taking.go_on).

    `writes_call_only`: the step, as a rule, changes nothing but the call's own row and log, so on
    SQLite it is decided on a read snapshot before the write lock is taken (unlocked.py); any other
    write it turns out to need sends it back here, to run under the lock.
    """
    if step is None:
        return lambda s: voice_step(
            s, starts_call=starts_call, prepare=prepare, runs_in_place=runs_in_place, writes_call_only=writes_call_only
        )

    @wraps(step)
    def handle(**kwargs):
        sid = inbound.field("CallSid")
        if not CALL_SID.match(sid):
            return apology()
        session, state = db.session, {"language": None}
        started = time.monotonic()
        for attempt in (1, 2):
            try:
                items = inbound.fields()
                asked = (clock.now(), items, request_digest(items), request.args.get("t"))
                if writes_call_only and db.single_writer:
                    answered = answer_unlocked(step, session, sid, state, asked, dict(kwargs))
                    if answered is not None:
                        return answered
                return answer(step, session, sid, state, starts_call, prepare, asked, dict(kwargs))
            except DBAPIError as exc:
                session.rollback()
                # No pool pre-ping (a round trip per webhook): a connection the server dropped
                # shows here once, the pool is invalidated, and the step runs again on a fresh one.
                # A retry of a step that did commit is answered from the call's stored reply.
                # Only a fast failure is retried: a database that is hung or gone has already
                # used seconds of Twilio's 15, and the caller must hear the apology in time.
                quick = time.monotonic() - started < QUICK_FAILURE_SECONDS
                if exc.connection_invalidated and attempt == 1 and quick:
                    log.warning("voice webhook %s lost its database connection; trying once more", request.path)
                    continue
                log.exception("voice webhook %s failed; the caller heard an apology", request.path)
            except Exception:
                session.rollback()
                log.exception("voice webhook %s failed; the caller heard an apology", request.path)
            return apology(state["language"])

    handle.in_place = step if runs_in_place else None
    return handle


def answer(step, session, sid, state, starts_call, prepare, asked, kwargs):
    """One try at a step: lock the call's row, run the step, commit once; slow work comes first."""
    try:
        return answer_locked(step, session, sid, state, starts_call, asked, kwargs)
    except SlowWorkFirst:
        session.rollback()
        kwargs["prepared"] = read_first(prepare, sid, dict(asked[1]).get("Digits", ""))
        return answer_locked(step, session, sid, state, starts_call, asked, kwargs)


def answer_locked(step, session, sid, state, starts_call, asked, kwargs):
    now, items, digest, asked_turn = asked  # the digest is the request's own: before the lock
    if starts_call:
        call = calls.start(session, sid, inbound.field("From"), now)
    else:
        call = calls.find(session, sid, lock=True)
        if call is None:
            return send(Reply("zh").redirect("voice.welcome.incoming"))
    state["language"] = call.language
    if answered_before(call, digest):
        return respond(call.last_reply)
    stale = not starts_call and asked_turn != str(call.turn)
    body = take_turn(session, call, step, now, items, digest, stale=stale, **kwargs)
    calls.commit(session)  # the call's row (one UPDATE) and its new events, the commit, the counters
    return respond(body)


def read_first(prepare, sid, keys):
    """Run `prepare` on the call as it stands, outside any write lock; None for an unknown call."""
    with db.reading() as session:
        call = calls.find(session, sid)
        return prepare(session, call, keys, current_app.config) if call is not None else None


def verified_step(step=None, *, runs_in_place=False):
    """Like voice_step, for steps only a verified caller may reach: `step(turn, holder)`.

    A call that has not proved who it is (a stale or forged request) is sent to identify first.
    """
    if step is None:
        return lambda s: verified_step(s, runs_in_place=runs_in_place)

    @wraps(step)
    def verified(turn, **kwargs):
        holder = verified_holder(turn.session, turn.call)
        if holder is None:
            turn.reply.redirect("voice.identify.start")
            return
        step(turn, holder, **kwargs)

    return voice_step(verified, runs_in_place=runs_in_place)
