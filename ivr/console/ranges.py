"""Ranges of local days (today, 7 days, 30 days, custom) and their UTC bounds."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

PRESETS = {"today": 1, "7d": 7, "30d": 30}
MAX_DAYS = 366


class BadRange(ValueError):
    """The dates asked for do not make a range; the message says why."""


@dataclass(frozen=True)
class DayRange:
    """Local days `first`..`last` (both included) in the time zone `tzname`."""

    first: date
    last: date
    tzname: str

    @property
    def tz(self):
        return ZoneInfo(self.tzname)

    @property
    def start(self):
        return datetime.combine(self.first, time(0), tzinfo=self.tz).astimezone(UTC)

    @property
    def end(self):
        return datetime.combine(self.last + timedelta(days=1), time(0), tzinfo=self.tz).astimezone(UTC)

    def dates(self):
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]

    def query(self):
        return {"first": self.first.isoformat(), "last": self.last.isoformat()}


def last_days(count, now, tzname):
    """The `count` local days ending today."""
    today = now.astimezone(ZoneInfo(tzname)).date()
    return DayRange(today - timedelta(days=count - 1), today, tzname)


def from_args(args, now, tzname, default="7d"):
    """The range a request asks for: ?range=today|7d|30d, or ?first=YYYY-MM-DD&last=YYYY-MM-DD."""
    first, last = args.get("first", "").strip(), args.get("last", "").strip()
    if first or last:
        try:
            first_day = date.fromisoformat(first)
            last_day = date.fromisoformat(last) if last else first_day
        except ValueError:
            raise BadRange("dates must be written YYYY-MM-DD") from None
        if last_day < first_day:
            raise BadRange("the last day is before the first")
        if (last_day - first_day).days >= MAX_DAYS:
            raise BadRange(f"a range is at most {MAX_DAYS} days")
        return DayRange(first_day, last_day, tzname)
    preset = args.get("range", default)
    if preset not in PRESETS:
        raise BadRange("range must be today, 7d or 30d")
    return last_days(PRESETS[preset], now, tzname)
