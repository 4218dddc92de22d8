"""Keep the service figures of every hour that is over as sums (ivr/store/service_hours.py), so a
month's report reads ~720 rows instead of its calls. The scheduler runs `catch_up` (scheduler/jobs.py).

When an hour is over: once SETTLE has passed since its end and nothing that began in it is still in
progress (a call not ended, a stay in the queue not left, a rating whose call has not ended), or in
any case GIVE_UP after its end: a call with no end by then lost its last status callback (the
wallboard and the queue page give up on such stays after the same 12 hours). Until then its figures
are counted live, so today's figures are exact.

Late changes (a wrap-up recorded the next day, a callback made, reached or merged days later): any
change to a stay, a rating or a callback request in an hour that has ended marks that hour stale
(ivr/store/stale_hours.py, one listener on every flush); the reports count a stale hour live until
this job sums it again.

Safe to run anywhere, any number of times, after any downtime: the state is the tables themselves
(which hours are summed, under which SERVICE_LEVEL_SECONDS, which are marked stale). Each stretch of
hours is summed in one transaction that first takes the summariser's lock (PostgreSQL: an advisory
lock; SQLite: its one write lock, so a stretch is at most BATCH_HOURS), then reads the hours' stale
marks, then their calls, replaces their rows and forgets the marks it read: a mark made meanwhile
outlives the sums it may be missing. Newest hours first, at most `batches` stretches per run.
"""

from datetime import timedelta

from ivr.operators.service_levels import Tally, hour_and_operator
from ivr.store import service_hours, service_rows, stale_hours
from ivr.store.service_hours import HOUR, NOBODY, hour_key, hour_start

SETTLE = timedelta(minutes=5)  # an hour's last status callbacks (and jambonz's late "bridged") arrive within seconds
GIVE_UP = timedelta(hours=12)
BATCH_HOURS = 6  # at 1 M calls a month, ~8,000 calls read under SQLite's write lock


def catch_up(db, *, now, target_s, batches=56):
    """Sum every hour that is over and not yet summed under `target_s` (or marked stale), newest first;
    returns how many hours were summed."""
    with db.reading() as session:
        stale = stale_hours.stale_hours(session)
        todo = due_hours(session, now, target_s, stale)
    done = 0
    for first, end in runs(todo)[:batches]:
        with db.new_session() as session:
            service_hours.hold_summariser_lock(session)
            marks = stale_hours.stale_marks(session, first, end)
            rows, wrapups = summed(session, first, end, target_s)
            service_hours.replace(session, first, end, target_s, rows, wrapups)
            stale_hours.forget_marks(session, marks)
        done += int((end - first) / HOUR)
    if stale:
        with db.new_session() as session:  # a mark on an hour not summed has nothing to correct
            service_hours.hold_summariser_lock(session)
            stale_hours.forget_marks_unsummed(session, target_s)
    return done


def due_hours(session, now, target_s, stale):
    """The hours that are over and not summed under `target_s`, or in `stale`, newest first."""
    first = service_rows.first_call_at(session)
    if first is None:
        return []
    end = hour_start(now - SETTLE)  # hours that ended SETTLE ago or earlier begin before this
    summed = service_hours.summed_hours(session, target_s)
    todo = [h for h in hours_between(hour_start(first), end) if h not in summed or h in stale]
    surely_over = now - GIVE_UP - HOUR  # an hour beginning by then ended GIVE_UP ago
    recent = [h for h in todo if h > surely_over]
    if recent:
        in_progress = service_rows.open_hours(session, min(recent), end)
        todo = [h for h in todo if h <= surely_over or hour_key(h) not in in_progress]
    return sorted(todo, reverse=True)


def hours_between(first, end):
    return [first + n * HOUR for n in range(max(0, int((end - first) / HOUR)))]


def runs(hours):
    """Newest-first hours as (first, end) stretches of consecutive hours, at most BATCH_HOURS each."""
    found = []
    for hour in hours:
        if found and found[-1][0] == hour + HOUR and found[-1][1] - hour <= BATCH_HOURS * HOUR:
            found[-1] = (hour, found[-1][1])
        else:
            found.append((hour, hour + HOUR))
    return found


def summed(session, first, end, target_s):
    """The rows service_hours.replace keeps for the hours [first, end): every hour's operator-0 row,
    and one per operator with figures in it."""
    tallies = hour_and_operator(
        calls=service_rows.call_rows(session, first, end),
        callbacks=service_rows.callback_rows(session, first, end),
        stays=service_rows.queue_rows(session, first, end, target_s, by="hour_operator"),
        ratings=service_rows.rating_rows(session, first, end, by="hour_operator"),
        wrapups=service_rows.wrapup_rows(session, first, end, by="hour_operator"),
    )
    by_key = {hour_key(hour): hour for hour in hours_between(first, end)}
    for key in by_key:
        tallies.setdefault((key, NOBODY), Tally())
    rows, wrapups = [], []
    for (key, operator_id), tally in tallies.items():
        hour = by_key[key]
        rows.append(dict(hour=hour, operator_id=operator_id, **{n: getattr(tally, n) for n in service_hours.FIGURES}))
        wrapups += [
            dict(hour=hour, operator_id=operator_id, code=code, conversations=n) for code, n in tally.wrapups.items()
        ]
    return rows, wrapups
