"""Which messages wait for quiet hours to end or respect an opt-out, and for how long Twilio may hold one.

Decisions: security notices (a change to the cardholder's card or report, made by phone, console
or CLI, and the lockout alert) go at any hour and to opted-out numbers too: they are how a
cardholder learns that someone else acted on their card. Every other kind, including the ones a
caller asks for (callback acknowledgement, outlet information), "card_ready" and kinds added
later, waits for quiet hours and is not sent to a number that texted STOP. The answers to a text
the cardholder sent (a mainland provider's STOP, START, HELP: ivr/messaging/uplink.py) go at once
and whatever the opt-out: the cardholder has just written, and STOP's answer says it was heard.
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from ivr.calendar import localtime

SECURITY_NOTICES = frozenset(
    {
        "preloss_confirmation",
        "preloss_cancelled",
        "lockout_alert",
        "card_cancelled",
        "card_reactivated",
    }
)
REPLIES = frozenset({"opted_out", "opted_in", "help"})
ANY_HOUR = SECURITY_NOTICES | REPLIES
IGNORES_OPT_OUT = SECURITY_NOTICES | REPLIES


def waits_for_quiet_hours(kind):
    return kind not in ANY_HOUR


def respects_opt_out(kind):
    return kind not in IGNORES_OPT_OUT


def parse_quiet_hours(text):
    """'21:00-08:00' -> (time(21), time(8)); an empty string means no quiet hours."""
    if not text or not text.strip():
        return None
    start, end = text.split("-")
    return localtime.parse_hhmm(start), localtime.parse_hhmm(end)


def _window_around(moment, tzname, window):
    """The quiet window (start, end) in UTC that contains `moment`, or None."""
    tz = ZoneInfo(tzname)
    start, end = window
    day = moment.astimezone(tz).date()
    for offset in (-1, 0):
        begin = datetime.combine(day + timedelta(days=offset), start, tzinfo=tz)
        finish_day = begin.date() + timedelta(days=1 if end <= start else 0)
        finish = datetime.combine(finish_day, end, tzinfo=tz)
        if begin <= moment < finish:
            return begin.astimezone(UTC), finish.astimezone(UTC)
    return None


def quiet_until(moment, tzname, quiet_hours):
    """When quiet hours containing `moment` end (UTC), or None when `moment` is not in them."""
    window = parse_quiet_hours(quiet_hours)
    found = window and _window_around(moment, tzname, window)
    return found[1] if found else None


def seconds_until_quiet(moment, tzname, quiet_hours, *, cap):
    """How long from `moment` before the next quiet hours start, at most `cap` seconds."""
    window = parse_quiet_hours(quiet_hours)
    if window is None:
        return cap
    tz = ZoneInfo(tzname)
    day = moment.astimezone(tz).date()
    for offset in (0, 1):
        begin = datetime.combine(day + timedelta(days=offset), window[0], tzinfo=tz)
        if begin > moment:
            return int(min(cap, (begin - moment).total_seconds()))
    return cap
