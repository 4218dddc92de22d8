"""A call's place in the IVR, kept in the database by CallSid, and the events of its log."""

from functools import lru_cache

from sqlalchemy import bindparam, event, insert, select, text, update
from sqlalchemy.orm import Session

from ivr.platform import metrics
from ivr.store import Call, CallEvent

PENDING_EVENTS = "ivr_pending_call_events"
HELD_CALLS = "ivr_held_calls"
CALLS = Call.__table__
FIELDS = tuple(column.key for column in CALLS.columns)


class CallRow:
    """A call's row as one webhook holds it: read with one SELECT, and what the webhook changed
    written back with one UPDATE by write_held, just before the session commits.

    Not an ORM object: every webhook loads one call and changes a few of its fields, and the ORM's
    identity map and unit of work cost more CPU than that (bench/statements.py). Nothing else in
    the transaction reads the call's row back, so nothing needs it flushed earlier.
    """

    __slots__ = (*FIELDS, "changed")

    def __init__(self, values):
        for name in FIELDS:
            object.__setattr__(self, name, values[name])
        object.__setattr__(self, "changed", {})

    def __setattr__(self, name, value):
        object.__setattr__(self, name, value)  # AttributeError for a name that is not a column
        self.changed[name] = value

    def __repr__(self):
        return f"<CallRow {self.id} {self.step}>"


# Built once: a statement object executed again skips SQLAlchemy's cache-key walk over its
# twenty columns, which cost more CPU than the round trip itself.
BY_SID = select(CALLS).where(CALLS.c.call_sid == bindparam("sid", type_=CALLS.c.call_sid.type))
BY_SID_LOCKED = BY_SID.with_for_update()


def find(session, call_sid, *, lock=False):
    """The call with this CallSid, locked for this transaction so its webhooks run in turn."""
    statement = BY_SID_LOCKED if lock else BY_SID
    row = session.connection().execute(statement, {"sid": call_sid}).mappings().first()
    return None if row is None else hold(session, row)


def hold(session, row):
    """The row as this transaction's CallRow, written back by write_held before the commit."""
    call = CallRow(row)
    session.info.setdefault(HELD_CALLS, []).append(call)
    return call


# The table's own defaults fill the rest; RETURNING gives back the whole row.
NEW_CALL = insert(CALLS).returning(*CALLS.c)


def start(session, call_sid, from_number, now):
    """Record a new call (or return the one Twilio is asking about again)."""
    call = find(session, call_sid, lock=True)
    if call is None:
        values = {"call_sid": call_sid, "from_number": from_number[:32], "started_at": now}
        call = hold(session, session.connection().execute(NEW_CALL, values).mappings().one())
        record(session, call, "call_started", now=now)
    return call


def save(session, call):
    """Write what this webhook changed in the call's row now (commit does it anyway)."""
    if call.changed:
        session.connection().execute(call_update(tuple(call.changed)), changed_values(call))
        call.changed.clear()


EVENT_FIELDS = ("call_id", "at", "step", "kind", "detail")
NEW_EVENTS = insert(CallEvent.__table__)


@lru_cache(maxsize=256)
def call_update(fields, *, if_turn=False):
    """UPDATE of these fields of one call, built once per set of fields and reused: a statement
    executed again skips SQLAlchemy's cache-key work, which costs more CPU than the round trip.
    `if_turn`: only while the call is still at the turn it was read at (`seen_turn`)."""
    statement = update(CALLS).where(CALLS.c.id == bindparam("the_call_id", type_=CALLS.c.id.type))
    if if_turn:
        statement = statement.where(CALLS.c.turn == bindparam("seen_turn", type_=CALLS.c.turn.type))
    return statement.values({name: bindparam(f"set_{name}", type_=CALLS.c[name].type) for name in fields})


@lru_cache(maxsize=256)
def call_update_with_events(fields, events):
    """PostgreSQL: the call's UPDATE with `events` new call events riding on it as a data-modifying
    CTE, one statement. Plain SQL: SQLAlchemy compiles a DML CTE anew on every execution."""
    rows = ", ".join("(" + ", ".join(f":e{i}_{name}" for name in EVENT_FIELDS) + ")" for i in range(events))
    sets = ", ".join(f"{name} = :set_{name}" for name in fields)
    sql = (
        f"WITH new_events AS (INSERT INTO call_events ({', '.join(EVENT_FIELDS)}) VALUES {rows}) "
        f"UPDATE calls SET {sets} WHERE id = :the_call_id"
    )
    event_columns = CallEvent.__table__.c
    types = [bindparam(f"e{i}_{name}", type_=event_columns[name].type) for i in range(events) for name in EVENT_FIELDS]
    types += [bindparam(f"set_{name}", type_=CALLS.c[name].type) for name in fields]
    statement = text(sql).bindparams(*types, bindparam("the_call_id", type_=CALLS.c.id.type))
    return statement.execution_options(writes_tables=("calls", "call_events"))  # ivr/store/durability.py


def changed_values(call):
    return {"the_call_id": call.id} | {f"set_{name}": value for name, value in call.changed.items()}


def event_values(rows):
    return {f"e{i}_{name}": row[name] for i, row in enumerate(rows) for name in EVENT_FIELDS}


def record(session, call, kind, detail="", *, now):
    """Add an event to the call's log. `detail` never carries what the caller keyed.

    Events wait in the session and go in with one multi-row INSERT by write_held, just before the
    commit, not one statement each.
    """
    pending = session.info.setdefault(PENDING_EVENTS, [])
    pending.append({"call_id": call.id, "at": now, "step": call.step, "kind": kind, "detail": detail[:200]})


def write_held(session):
    """Write the calls' changed fields and their new events: on PostgreSQL in one round trip.

    Returns the event rows written. Called through `commit` by whatever commits a session that
    held a call or recorded its events: the step runner (ivr/voice/webhook.py), the hooks of the
    queue, the status callback and the operator line (ivr/voice/hooks.py), the console's wrap-up.
    A commit that forgets it fails (`refuse_unwritten`), so no event is ever dropped silently.
    """
    changed = [call for call in session.info.pop(HELD_CALLS, ()) if call.changed]
    rows = session.info.pop(PENDING_EVENTS, None)
    if not changed and not rows:
        return []
    connection = session.connection()
    # Core, not the ORM's bulk path: nothing reads these rows back in this transaction, and the
    # ORM's bookkeeping cost more CPU than the statements themselves.
    if rows and changed and connection.dialect.name == "postgresql" and len(rows) <= 16:
        # The events ride on the first call's UPDATE as a data-modifying CTE: one statement.
        first = changed.pop(0)
        connection.execute(
            call_update_with_events(tuple(first.changed), len(rows)), changed_values(first) | event_values(rows)
        )
        first.changed.clear()
        rows_left = None
    else:
        rows_left = rows
    for call in changed:
        save(session, call)
    if rows_left:
        connection.execute(NEW_EVENTS, rows_left)
    return rows or []


def commit(session):
    """The one way a session that held calls commits: write what it held (write_held), commit, and
    only then count the written events in the metrics, so a counter moves only for what was kept."""
    written = write_held(session)
    session.commit()
    metrics.count_call_events(written)


class Unwritten(RuntimeError):
    """A session was committed holding a call's changes or events that write_held never wrote."""


@event.listens_for(Session, "before_commit")
def refuse_unwritten(session):
    """Writes nothing: a commit with a call's changes or events still held is a bug (its path
    forgot write_held), and failing it is better than dropping them from the call's log."""
    if session.info.get(PENDING_EVENTS) or any(call.changed for call in session.info.get(HELD_CALLS, ())):
        raise Unwritten("call events recorded but not written: commit with calls.commit(session)")


def write_if_still_at(session, call, seen_turn, rows):
    """Write what a step decided without holding the call (ivr/voice/unlocked.py): the call's
    changed fields and its new events, only if no other webhook moved the call on since it was
    read at `seen_turn`. False, with nothing written, when one did.
    """
    connection = session.connection()
    statement = call_update(tuple(call.changed), if_turn=True)
    if connection.execute(statement, changed_values(call) | {"seen_turn": seen_turn}).rowcount != 1:
        return False
    call.changed.clear()
    if rows:
        connection.execute(NEW_EVENTS, rows)
    return True


@event.listens_for(Session, "after_rollback")
def _drop_events(session):
    """What a rolled-back transaction held is gone with it."""
    session.info.pop(PENDING_EVENTS, None)
    session.info.pop(HELD_CALLS, None)


def enter(session, call, step, *, now):
    """Move the call to a new step, with a fresh count of failed tries."""
    if call.step != step:
        call.step = step
        call.step_failures = 0
        record(session, call, "step_entered", now=now)


def reject_input(session, call, reason, *, limit, now):
    """Count a failed try at this step; True when the caller has used up the tries."""
    call.step_failures += 1
    record(session, call, "input_rejected", reason, now=now)
    return call.step_failures >= limit


def accept_input(session, call, detail="", *, now):
    record(session, call, "input_accepted", detail, now=now)


def finish(session, call, outcome, *, now):
    """Mark what the call achieved; the first outcome a call reaches is the one kept."""
    if call.outcome is None:
        call.outcome = outcome
        record(session, call, "outcome", outcome, now=now)


def forget_identity(call):
    call.id_hash = None
    call.id_last4 = None
    call.cardholder_id = None
    call.heard_hash = None
    call.password_ok = False
    call.verified = False
