"""Staffed operator hours, e.g. "Mon-Fri 08:30-17:30; Sat 09:00-12:00", read in IVR_TIMEZONE."""

from dataclasses import dataclass
from datetime import time

from ivr.calendar import localtime, workdays
from ivr.prompts import speech, text

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class BadHours(ValueError):
    """OPERATOR_HOURS cannot be read; the message says which part."""


@dataclass(frozen=True)
class Span:
    """Staffed on `days` (0 = Monday) from `start` until just before `end`."""

    days: tuple
    start: time
    end: time


def _day(token, spec):
    try:
        return DAYS.index(token.strip().lower()[:3])
    except ValueError:
        raise BadHours(f"OPERATOR_HOURS {spec!r}: {token!r} is not a day (Mon..Sun)") from None


def _days(part, spec):
    days = []
    for item in part.split(","):
        first, _, last = item.partition("-")
        start = _day(first, spec)
        end = _day(last, spec) if last else start
        if end < start:
            raise BadHours(f"OPERATOR_HOURS {spec!r}: {item!r} runs backwards")
        days.extend(range(start, end + 1))
    return tuple(days)


def _clock(token, spec):
    try:
        return localtime.parse_hhmm(token)
    except ValueError:
        raise BadHours(f"OPERATOR_HOURS {spec!r}: {token!r} is not a time like 08:30") from None


def parse(spec):
    """The spans of a spec; an empty spec or "closed" means never staffed."""
    spans = []
    cleaned = (spec or "").strip()
    if cleaned.lower() in ("", "closed", "none"):
        return ()
    for chunk in cleaned.split(";"):
        days_part, _, hours_part = chunk.strip().partition(" ")
        first, sep, last = hours_part.strip().partition("-")
        if not sep:
            raise BadHours(f"OPERATOR_HOURS {spec!r}: {chunk.strip()!r} needs days and HH:MM-HH:MM")
        start, end = _clock(first, spec), _clock(last, spec)
        if end <= start:
            raise BadHours(f"OPERATOR_HOURS {spec!r}: {hours_part.strip()!r} ends before it starts")
        spans.append(Span(_days(days_part, spec), start, end))
    return tuple(spans)


def is_open(spec, moment, tzname):
    """Is an operator on duty at this UTC moment? Never on a public holiday; a make-up working
    Saturday or Sunday is staffed as a Monday."""
    wall = localtime.local(moment, tzname)
    now = wall.time().replace(tzinfo=None)
    weekday = workdays.weekday_kept(wall.date())
    if weekday is None:
        return False
    return any(weekday in span.days and span.start <= now < span.end for span in parse(spec))


def day_range(days, language):
    """Days as said: 周一至周五 / Monday to Friday; 周六、周日 / Saturday, Sunday."""
    names = [text(f"operator.weekday.{d}", language) for d in range(7)]
    if len(days) > 2 and list(days) == list(range(days[0], days[-1] + 1)):
        return text("operator.day_range", language, first=names[days[0]], last=names[days[-1]])
    joiner = "、" if language == "zh" else ", "
    return joiner.join(names[d] for d in days)


def spoken(spec, language):
    """The hours as a person says them: 周一至周五上午8点30分至下午5点30分 / Monday to Friday, ..."""
    try:
        spans = parse(spec)
    except BadHours:
        return spec
    if not spans:
        return text("operator.never_staffed", language)
    parts = []
    for span in spans:
        start, end = speech.clock_span(span.start, span.end, language)
        parts.append(text("operator.span", language, days=day_range(span.days, language), start=start, end=end))
    # Operators are off on public holidays (ivr/calendar/workdays.py): the hours say so.
    return text("operator.except_holidays", language, hours=("；" if language == "zh" else "; ").join(parts))
