"""Field types the settings share: a positive number, a local time like 10:00."""

from pydantic import Field

from ivr.calendar import localtime


def positive(default):
    return Field(default, gt=0)


def hhmm(value):
    try:
        parsed = localtime.parse_hhmm(value)
    except (ValueError, AttributeError):
        raise ValueError("a local time like 10:00") from None
    return parsed.strftime("%H:%M")
