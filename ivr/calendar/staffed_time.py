"""When the next staffed period starts, and when a number of staffed hours will have passed.

Built only on operator_hours.is_open and the spans of OPERATOR_HOURS, so whatever is_open knows
about closed days (public holidays, make-up working days) is respected here too.
"""

from datetime import datetime, timedelta

from ivr.calendar import localtime
from ivr.calendar import staffed_hours as operator_hours
from ivr.prompts import speech, text

SEARCH_DAYS = 21  # long holidays (Spring Festival) last a week; three covers any of them
STEP = timedelta(minutes=15)


def _open(config, moment):
    return operator_hours.is_open(config["OPERATOR_HOURS"], moment, config["IVR_TIMEZONE"])


def next_staffed(config, now):
    """The UTC moment an operator is next on duty: `now` when staffed, None when never."""
    if _open(config, now):
        return now
    tzname = config["IVR_TIMEZONE"]
    starts = sorted({span.start for span in operator_hours.parse(config["OPERATOR_HOURS"])})
    today = localtime.local(now, tzname).date()
    for offset in range(SEARCH_DAYS):
        day = today + timedelta(days=offset)
        for start in starts:
            wall = datetime.combine(day, start, tzinfo=localtime.zone(tzname))
            moment = wall.astimezone(now.tzinfo)
            if moment > now and _open(config, moment):
                return moment
    return None


def after_staffed_hours(config, start, hours):
    """The moment `hours` of staffed time have passed since `start` (15-minute steps), or None."""
    moment = next_staffed(config, start)
    if moment is None:
        return None
    left, limit = timedelta(hours=hours), start + timedelta(days=SEARCH_DAYS)
    while left > timedelta(0) and moment < limit:
        if _open(config, moment):
            left -= STEP
        moment += STEP
    return moment if left <= timedelta(0) else None


def spoken_when(config, now, expected, language):
    """When to expect the call, as a person says it."""
    hours = config["CALLBACK_DUE_STAFFED_HOURS"]
    if expected is None:
        return text("callback.when_unknown", language)
    if expected <= now:
        return text("callback.when_now", language, hours=hours)
    tzname = config["IVR_TIMEZONE"]
    wall, today = localtime.local(expected, tzname), localtime.local(now, tzname).date()
    at = speech.clock(wall.time(), language)
    if wall.date() == today:
        return text("callback.when_today", language, time=at)
    if wall.date() == today + timedelta(days=1):
        return text("callback.when_tomorrow", language, time=at)
    return text("callback.when_day", language, day=speech.day(wall.date(), language), time=at)
