"""The service figures of a range of moments, as every report, export, the CLI and the wallboard read them:
hours that are over from their sums (ivr/store/service_hours.py), the rest live from the calls.

An hour is read from its sums when it was summed under today's SERVICE_LEVEL_SECONDS and is not marked
stale (ivr/store/stale_hours.py); every other moment of the range (the hours still open or just over,
an hour changed after it was summed, a range's edges that are not whole UTC hours) is counted from the
calls as it happens. Both ways fold through ivr/operators/service_levels.py, so the figures are the
same whichever way an hour was read (tests/operators/test_service_summaries.py).
"""

from ivr.operators.service_levels import Breakdown, Tally, breakdown
from ivr.store import service_hours, service_rows, stale_hours
from ivr.store.service_hours import HOUR, hour_key


def measure(session, start, end, tz, target_s):
    """The Breakdown of the moments [start, end) in the time zone `tz`."""
    out = Breakdown()
    # The hours' sums first, then which are stale: a mark made after the sums were read only sends
    # its hour to the live count, never the other way round.
    summed = service_hours.sums_by_hour(session, start, end, target_s)
    stale = stale_hours.stale_hours(session, start, end)
    used = set()
    for hour, *figures in summed:
        if hour in stale:
            continue
        used.add(hour)
        tally = tally_of(figures)
        for slice_ in out.slices(hour_key(hour), tz):
            slice_.add(tally)
    if used:
        hours = service_hours.Hours.of(used)
        for operator_id, *figures in service_hours.sums_by_operator(session, hours, target_s):
            out.operators[operator_id].add(tally_of(figures))
        for hour, code, n in service_hours.wrapups_by(session, hours, "hour"):
            for slice_ in out.slices(hour_key(hour), tz):
                slice_.wrapups[code] += n
        for operator_id, code, n in service_hours.wrapups_by(session, hours, "operator"):
            out.operators[operator_id].wrapups[code] += n
    for first, last in gaps(start, end, used):
        live(session, first, last, tz, target_s, out)
    return out


def tally_of(figures):
    return Tally(**dict(zip(service_hours.FIGURES, (n or 0 for n in figures), strict=True)))


def gaps(start, end, used):
    """The stretches of [start, end) outside the hours in `used`, as (start, end) pairs."""
    found, moment = [], start
    for hour in sorted(used):
        if hour > moment:
            found.append((moment, hour))
        moment = hour + HOUR
    if moment < end:
        found.append((moment, end))
    return found


def live(session, start, end, tz, target_s, out):
    """Fold the calls, stays, callbacks, ratings and wrap-ups of [start, end) into `out`, counted from the calls."""
    return breakdown(
        tz,
        calls=service_rows.call_rows(session, start, end),
        callbacks=service_rows.callback_rows(session, start, end),
        stays=service_rows.queue_rows(session, start, end, target_s),
        ratings=service_rows.rating_rows(session, start, end),
        wrapups=service_rows.wrapup_rows(session, start, end),
        by_operator=dict(
            stays=service_rows.queue_rows(session, start, end, target_s, by="operator"),
            ratings=service_rows.rating_rows(session, start, end, by="operator"),
            wrapups=service_rows.wrapup_rows(session, start, end, by="operator"),
        ),
        out=out,
    )
