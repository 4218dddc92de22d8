"""What every voice webhook shares: the call's state by CallSid, retries, and no 500s."""

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
from ivr.store.db import writes_refused
from ivr.voice import calls, inbound
from ivr.voice.replies import render, respond, send
from ivr.voice.twiml import Reply

QUICK_FAILURE_SECONDS = 1.0  # a stale pooled connection fails at once; a hung database does not
STEPS_PER_WEBHOOK = 4  # a reply runs at most this many steps in a row before Twilio must come back
log = logging.getLogger(__name__)
CALL_SID = re.compile(r"^CA[0-9a-fA-F]{32}$|^[A-Za-z0-9_-]{1,64}$")


def request_digest():
    """A keyed fingerprint of this request, so a retry can be told apart from a new key press."""
    items = inbound.fields()
    material = "\n".join([request.method, request.full_path] + [f"{k}={v}" for k, v in items])
    key = current_app.config["ID_HASH_KEY"].encode()
    return hmac.new(key, material.encode(), hashlib.sha256).hexdigest()


def digits():
    """What the caller keyed, as the engine sent it (not yet trusted)."""
    return inbound.field("Digits")


def apology(language=None):
    """The answer when something broke: sorry, nothing changed, here is what to do instead."""
    g.apologised = True  # counted as a failed webhook (ivr/platform/metrics.py), though it is a 200
    reply = Reply(language or "zh")
    if language:
        reply.say("common.system_error")
    else:
        reply.say("common.system_error", language="zh").say("common.system_error", language="en")
    return send(reply.hangup())


def voice_step(view=None, *, starts_call=False, prepare=None, runs_in_place=False, writes_call_only=False):
    """Wrap a view `view(call, reply, now)`: load the call by CallSid, answer retries, commit once.

    The view fills `reply`; whatever it raises becomes an apology, never a 500. Slow work (a
    password under an old hash scheme) goes in `prepare(read_session, call)`: a view that finds
    it has slow work to do raises SlowWorkFirst, and the step starts again with `prepare` run
    first, on a session that takes no lock. Its result reaches the view as `prepared=`, and the
    view must check it still fits the call it now holds locked. Work of microseconds (an HMAC)
    is simply done under the lock, which costs fewer round trips than a session of its own.

    `runs_in_place`: the view reads nothing of the request (no keys, no query string), so a reply
    that ends by sending the caller to it runs it at once instead (`go_on`).

    `writes_call_only`: the view, as a rule, changes nothing but the call's own row and log, so on
    SQLite it is decided before the write lock is taken (`answer_unlocked`).
    """
    if view is None:
        return lambda v: voice_step(
            v, starts_call=starts_call, prepare=prepare, runs_in_place=runs_in_place, writes_call_only=writes_call_only
        )

    @wraps(view)
    def handle(**kwargs):
        sid = inbound.field("CallSid")
        if not CALL_SID.match(sid):
            return apology()
        session, state = db.session, {"language": None}
        started = time.monotonic()
        for attempt in (1, 2):
            try:
                if writes_call_only and db.single_writer:
                    answered = answer_unlocked(view, session, sid, state, dict(kwargs))
                    if answered is not None:
                        return answered
                return answer(view, session, sid, state, starts_call, prepare, dict(kwargs))
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

    handle.in_place = view if runs_in_place else None
    return handle


def go_on(call, reply, now):
    """Run here the step a reply ends by redirecting to, when that step needs nothing from Twilio.

    A <Redirect> costs the caller a round trip of silence and the hotline a whole webhook (the
    call's row locked, read and written again) only to reach a step that asks for nothing, such
    as the main menu or the identity check's first question. Its words join this reply instead:
    the caller hears the same, sooner. A chain of such steps is cut after STEPS_PER_WEBHOOK, and
    the last redirect is then left for Twilio to follow.
    """
    for _ in range(STEPS_PER_WEBHOOK):
        endpoint = reply.redirected_to()
        step = getattr(current_app.view_functions.get(endpoint), "in_place", None)
        if step is None:
            return
        reply.drop_redirect()
        step(call, reply, now)


def out_of_step(session, call, reply, *, now):
    """A request this call cannot be at (stale, replayed or forged): say so, back to the menu."""
    calls.record(session, call, "out_of_step", request.path, now=now)
    reply.say("common.out_of_step").redirect("voice.welcome.menu")


class SlowWorkFirst(Exception):
    """Raised by a view that holds a lock and finds slow work to do: do it first, with no lock held."""


def answer(view, session, sid, state, starts_call, prepare, kwargs):
    """One try at a step: lock the call's row, run the view, commit once; slow work comes first."""
    try:
        return answer_locked(view, session, sid, state, starts_call, kwargs)
    except SlowWorkFirst:
        session.rollback()
        kwargs["prepared"] = read_first(prepare, sid)
        return answer_locked(view, session, sid, state, starts_call, kwargs)


def answer_locked(view, session, sid, state, starts_call, kwargs):
    now, digest = clock.now(), request_digest()  # the digest is the request's own: before the lock
    if starts_call:
        call = calls.start(session, sid, inbound.field("From"), now)
    else:
        call = calls.find(session, sid, lock=True)
        if call is None:
            return send(Reply("zh").redirect("voice.welcome.incoming"))
    state["language"] = call.language
    if answered_before(call, digest):
        return respond(call.last_reply)
    stale = not starts_call and request.args.get("t") != str(call.turn)
    body = take_turn(session, call, view, now, kwargs, digest, stale=stale)
    session.commit()
    return respond(body)


def answered_before(call, digest):
    """This very request was answered already (Twilio retried it): its stored reply is the answer."""
    return call.last_request_digest == digest and call.last_reply


def take_turn(session, call, view, now, kwargs, digest, *, stale=False):
    """Move the call to its next turn, run the view (or say the request is out of step) and the
    steps it leads to in place, and keep the reply with the request it answers; the reply's XML."""
    call.turn += 1
    reply = Reply(call.language, call.turn)
    # One UPDATE of the call's row at commit, not one per query the view makes.
    with session.no_autoflush:
        if stale:
            out_of_step(session, call, reply, now=now)
        else:
            view(call, reply, now, **kwargs)
        go_on(call, reply, now)
    body = render(reply)
    call.last_request_digest, call.last_reply = digest, body
    return body


def answer_unlocked(view, session, sid, state, kwargs):
    """SQLite: decide the step on a read snapshot, and hold the write lock only to write the call.

    SQLite has one write lock for the whole database. A step run the usual way (`answer`) holds it
    from its first query to its commit, so every other call's webhook waits through this one's
    reads, logic and TwiML: under load that lock, not the CPU, set the pace. A step whose view
    changes nothing but its call's row and log is decided here on a session that cannot write
    (PRAGMA query_only); the lock is then taken only to UPDATE the call, on condition that it is
    still at the turn it was read at (a Twilio retry of this very request may have raced it), and
    to INSERT its events.

    None means "run the step the usual way, from the start, under the lock": an unknown call or a
    stale request (the usual way answers those), a view that tried to write something else after
    all (a password stored under an old scheme is rewritten), or a call moved on meanwhile.
    Reads see what was committed when the step began, as PostgreSQL's READ COMMITTED does for the
    same steps, which there lock only the call's row.
    """
    now = clock.now()
    digest = request_digest()
    read = db.ReadSession()
    g.db_session = read  # what the view reaches as db.session while it decides
    try:
        call = calls.find(read, sid)
        if call is None:
            return None
        state["language"] = call.language
        if answered_before(call, digest):
            return respond(call.last_reply)
        if request.args.get("t") != str(call.turn):
            return None
        seen_turn = call.turn
        body = take_turn(read, call, view, now, kwargs, digest)
        if read.new or read.dirty or read.deleted:
            return None
        events = read.info.get(calls.PENDING_EVENTS, [])
    except SlowWorkFirst:
        return None
    except DBAPIError as exc:
        if writes_refused(exc):
            return None
        raise
    finally:
        read.rollback()  # it wrote nothing; the call's changes and events are written below
        read.close()
        g.db_session = session
    if not calls.write_if_still_at(session, call, seen_turn, events):
        session.rollback()
        return None
    session.commit()
    return respond(body)


def read_first(prepare, sid):
    """Run `prepare` on the call as it stands, outside any write lock; None for an unknown call."""
    with db.reading() as session:
        call = calls.find(session, sid)
        return prepare(session, call) if call is not None else None


def verified_step(view=None, *, runs_in_place=False):
    """Like voice_step, for steps only a verified caller may reach: `view(call, reply, now, holder)`.

    A call that has not proved who it is (a stale or forged request) is sent to identify first.
    """
    if view is None:
        return lambda v: verified_step(v, runs_in_place=runs_in_place)

    @wraps(view)
    def step(call, reply, now, **kwargs):
        holder = verified_holder(db.session, call)
        if holder is None:
            reply.redirect("voice.identify.start")
            return
        view(call, reply, now, holder, **kwargs)

    return voice_step(step, runs_in_place=runs_in_place)


def retry_or_give_up(session, call, reply, reason_key, ask, *, now):
    """A wrong or missing entry: explain and ask again; after the last try, on to a person (the
    operator flow: outside staffed hours it offers a call back and a report at once)."""
    limit = current_app.config["MAX_STEP_TRIES"]
    if calls.reject_input(session, call, reason_key, limit=limit, now=now):
        handed_over = call.outcome == "gave_up" or call.step.startswith(("operator", "callback"))
        calls.finish(session, call, "gave_up", now=now)
        if handed_over:  # a person (or a call back) was already offered on this call
            reply.say(reason_key).say("common.too_many_tries_goodbye").hangup()
        else:  # no dead end: a person, or outside staffed hours what can be done now
            reply.say(reason_key).say("common.too_many_tries").redirect("voice.operator.start")
        return
    reply.say(reason_key)
    ask(reply)
