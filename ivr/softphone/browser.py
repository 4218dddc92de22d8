"""Browser softphone calls, kept in the database between key presses so any web process can go on."""

import json
import secrets
from datetime import timedelta

from ivr.softphone.engine import SoftCall
from ivr.softphone.line import Line
from ivr.softphone.messages import messages_for_call
from ivr.softphone.stored_queues import StoredSwitchboard
from ivr.softphone.transports import FlaskTransport, app_line_settings
from ivr.softphone.words import DEFAULT_LANGUAGE, describe
from ivr.store import SoftphoneCall
from ivr.store.softphone import forget_calls_before, save_call

KEEP = timedelta(hours=24)  # a softphone call older than this is deleted when the next one starts


class CallGone(LookupError):
    """No such softphone call (or it belongs to someone else)."""


class CallMoved(RuntimeError):
    """Another request moved this call on first (two tabs, a double click): reload and go on."""


LINES = {"hotline": "voice.welcome.incoming", "operator": "voice.agent.start"}


def line_for(app, caller, switchboard=None, url=None, dialect="twilio"):
    """The line a browser call rings on: signed, and in the dialect, of the engine it plays (Twilio or jambonz)."""
    hotline, token = app_line_settings(app, dialect)
    extra = {"switchboard": switchboard} if switchboard is not None else {}
    return Line(FlaskTransport(app), url=url or hotline, token=token, caller=caller, dialect=dialect, **extra)


def stored_line(app, state, switchboard):
    """The line of a call kept between key presses (calls kept before engines were chosen: Twilio)."""
    return line_for(app, state["caller"], switchboard, state.get("line_url"), state.get("dialect", "twilio"))


def line_url(app, which):
    """The absolute URL of the hotline's number or of the operator line (/voice/agent)."""
    hotline, _ = app_line_settings(app)
    return hotline.replace("/voice/incoming", "/voice/agent") if which == "operator" else hotline


def masked(event):
    """Keyed digits and spoken words are never stored or sent back (an ID number, a callback number)."""
    if event["type"] == "speech":
        return {**event, "words": "•" * len(event["words"])}
    return {**event, "keys": "•" * len(event["keys"])} if event["type"] == "keys" else event


def stored(state):
    return json.dumps({**state, "events": [masked(e) for e in state["events"]]}, ensure_ascii=False)


def shown(event, language):
    """An event as the page gets it: masked, with the line a person reads in the page's language."""
    event = masked(event)
    return {**event, "line": describe(event, language)}


def view(database, app, call_id, call, events, language=DEFAULT_LANGUAGE):
    """What the page shows: the call's new events, what it waits for, and the SMS it caused."""
    with database.new_session() as session:
        sms = messages_for_call(session, call.state["sid"], app.config["IVR_TIMEZONE"])
    return {
        "id": call_id,
        "ended": call.ended,
        "error": call.error,
        "language": call.state["language"],
        "waiting": call.waiting,
        "events": [shown(e, language) for e in events],
        "sms": sms,
        "queued": call.queued,
        "talking": bool(call.state.get("bridge")),
        "count": len(call.events),
        "engine": call.line.dialect,
    }


def switchboard_for(database, app, owner):
    return StoredSwitchboard(
        database,
        lambda state, board: SoftCall(stored_line(app, state, board), state),
        owner,
    )


def start(database, app, *, caller, owner, now, which="hotline", dialect="twilio", language=DEFAULT_LANGUAGE):
    """Ring the hotline (or the operator line) in-process as `dialect`'s engine would, and keep the
    call; the page's view of it."""
    board = switchboard_for(database, app, owner)
    url = line_url(app, which)
    call = SoftCall(line_for(app, caller, board, url, dialect))
    call.state["line_url"], call.state["dialect"] = url, dialect
    events = call.ring()
    call_id = secrets.token_urlsafe(16)
    with database.new_session() as session:
        forget_calls_before(session, now - KEEP)
        session.add(
            SoftphoneCall(
                id=call_id,
                call_sid=call.state["sid"],
                owner=owner,
                state=stored(call.state),
                ended=call.ended,
                created_at=now,
                updated_at=now,
            )
        )
    save_touched(database, board, now)
    return view(database, app, call_id, call, events, language)


def save_touched(database, board, now):
    """Save the other calls this action moved on (the caller an operator line took, and so on)."""
    for row_id, (other, version) in board.touched.items():
        with database.new_session() as session:
            save_call(session, row_id, version, state=stored(other.state), ended=other.ended, now=now)


def load(database, app, call_id, owner):
    """The stored call as an engine call, and the version it was read at."""
    with database.new_session() as session:
        row = session.get(SoftphoneCall, call_id)
        if row is None or row.owner != owner:
            raise CallGone(call_id)
        state, version = json.loads(row.state), row.version
    board = switchboard_for(database, app, owner)
    call = SoftCall(stored_line(app, state, board), state)
    board.calls[state["sid"]] = call
    return call, version


def show(database, app, call_id, *, owner, since=0, language=DEFAULT_LANGUAGE):
    """The call's events from `since` on (0: the whole call, after a page reload)."""
    call, _ = load(database, app, call_id, owner)
    return view(database, app, call_id, call, call.events[since:], language)


def act(database, app, call_id, action, *, owner, now, language=DEFAULT_LANGUAGE):
    """Run `action(call)` (press, silence, hang up) and save, unless another request got there first.

    No database transaction is held while the engine runs: its requests go through the app,
    whose webhooks write to the same database.
    """
    call, version = load(database, app, call_id, owner)
    events = action(call)
    with database.new_session() as session:
        saved = save_call(session, call_id, version, state=stored(call.state), ended=call.ended, now=now)
    if not saved:
        raise CallMoved(call_id)
    save_touched(database, call.line.switchboard, now)
    return view(database, app, call_id, call, events, language)
