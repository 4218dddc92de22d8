"""Local time at the edges: the hotline stores UTC and speaks the city's own clock."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo


def zone(name):
    return ZoneInfo(name)


def local(moment, tzname):
    """A UTC moment as the city's wall clock."""
    return moment.astimezone(ZoneInfo(tzname))


def parse_hhmm(text):
    hours, minutes = text.strip().split(":")
    return time(int(hours), int(minutes))


def at_local_time(moment, tzname, hhmm, days_later=0):
    """The UTC moment of `hhmm` local time, `days_later` days after the local date of `moment`."""
    tz = ZoneInfo(tzname)
    day = moment.astimezone(tz).date() + timedelta(days=days_later)
    wall = datetime.combine(day, parse_hhmm(hhmm), tzinfo=tz)
    return wall.astimezone(UTC)
