"""SQLite's unlocked path: a step decided on a read snapshot, the write lock held only to write it.

SQLite has one write lock for the whole database. A step run the usual way (webhook.answer) holds
it from its first query to its commit, so every other call's webhook waits through this one's
reads, logic and TwiML: under load that lock, not the CPU, set the pace. A step declared
`voice_step(writes_call_only=True)` changes nothing but its call's row and log, so it is decided
here on a session that cannot write (PRAGMA query_only); the lock is then taken only to UPDATE
the call, on condition that it is still at the turn it was read at (a Twilio retry of this very
request may have raced it), and to INSERT its events (calls.write_if_still_at).
"""

from flask import g
from sqlalchemy.exc import DBAPIError

from ivr.platform import metrics
from ivr.store import db
from ivr.store.db import writes_refused
from ivr.voice import calls
from ivr.voice.replies import respond
from ivr.voice.turn_taking import SlowWorkFirst, answered_before, take_turn


def answer_unlocked(step, session, sid, state, request_at, kwargs):
    """The step's HTTP answer, decided on a snapshot; None: run it the usual way, under the lock.

    None comes back for an unknown call or a stale request (the usual way answers those), a step
    that tried to write something else after all (a password stored under an old scheme is
    rewritten), or a call moved on meanwhile. Reads see what was committed when the step began,
    as PostgreSQL's READ COMMITTED does for the same steps, which there lock only the call's row.
    `request_at` is (now, the request's fields, its digest, its turn).
    """
    now, items, digest, asked_turn = request_at
    read = db.ReadSession()
    g.db_session = read  # what anything below reaches as db.session while the step decides
    try:
        call = calls.find(read, sid)
        if call is None:
            return None
        state["language"] = call.language
        if answered_before(call, digest):
            return respond(call.last_reply)
        if asked_turn != str(call.turn):
            return None
        seen_turn = call.turn
        body = take_turn(read, call, step, now, items, digest, **kwargs)
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
    metrics.count_call_events(events)  # what the commit kept, as calls.commit counts it
    return respond(body)
