"""Outlet opening hours as outlet data writes them ("周一至周五 8:30-12:00,13:30-17:00",
"Mon-Fri 09:00-17:00; Sat 09:00-12:00"), read into days and times so a caller hears them in
their own language, as the hotline's own hours are said. Data that cannot be read is refused at
import, so nothing is ever read out raw."""

import re
from dataclasses import dataclass
from datetime import time

from ivr.calendar.staffed_hours import day_range
from ivr.prompts import speech, text

DAY_NAMES = {
    **{f"{prefix}{char}": n for prefix in ("周", "星期", "礼拜") for n, char in enumerate("一二三四五六日")},
    "周天": 6,
    "星期天": 6,
    "礼拜天": 6,
    **{name: n for n, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
}
EVERY_DAY = ("每天", "每日", "daily", "every day", "mon-sun")
TIME = r"(\d{1,2})[:：](\d{2})"
RANGE = re.compile(rf"^{TIME}\s*(?:-|–|—|~|～|至|到|to)\s*{TIME}$", re.I)
DAY_PART = re.compile(r"^(.*?)\s*(\d{1,2}[:：]\d{2}.*)$")
CHUNKS = re.compile(r"[;；\n]")
TIME_LIST = re.compile(r"\s*[,，、]\s*|\s+")


class BadOutletHours(ValueError):
    """The hours cannot be read; the message says which part."""


@dataclass(frozen=True)
class Opening:
    """Open on `days` (0 = Monday) during each (start, end) of `times`."""

    days: tuple
    times: tuple


def _day(token, whole):
    key = token.strip().lower()
    key = key[:3] if key[:3] in DAY_NAMES else key
    if key not in DAY_NAMES:
        raise BadOutletHours(f"{token.strip()!r} in {whole!r} is not a day (周一..周日, Mon..Sun)")
    return DAY_NAMES[key]


def _days(part, whole):
    part = part.strip().rstrip(":：")
    if part.lower() in EVERY_DAY:
        return tuple(range(7))
    days = []
    for item in re.split(r"\s*[,，、]\s*", part):
        first, *last = re.split(r"\s*(?:-|–|—|~|～|至|到)\s*", item, maxsplit=1)
        start = _day(first, whole)
        end = _day(last[0], whole) if last else start
        if end < start:
            raise BadOutletHours(f"{item!r} in {whole!r} runs backwards")
        days.extend(range(start, end + 1))
    return tuple(days)


def _time(hours, minutes, whole):
    try:
        return time(int(hours), int(minutes))
    except ValueError:
        raise BadOutletHours(f"{hours}:{minutes} in {whole!r} is not a time of day") from None


def _times(part, whole):
    times = []
    for item in TIME_LIST.split(re.sub(r"\s*(-|–|—|~|～|至|到)\s*", "-", part.strip())):
        if not item:
            continue
        found = RANGE.match(item)
        if not found:
            raise BadOutletHours(f"{item!r} in {whole!r} is not a time range like 8:30-17:00")
        start, end = _time(*found.group(1, 2), whole), _time(*found.group(3, 4), whole)
        if end <= start:
            raise BadOutletHours(f"{item!r} in {whole!r} ends before it starts")
        times.append((start, end))
    return tuple(times)


def parse(hours):
    """The openings written in `hours`, or BadOutletHours."""
    openings = []
    for chunk in CHUNKS.split(hours or ""):
        if not chunk.strip():
            continue
        split = DAY_PART.match(chunk.strip())
        if not split or not split.group(1).strip():
            raise BadOutletHours(f"{chunk.strip()!r} needs days and times, like 周一至周五 8:30-17:00")
        openings.append(Opening(_days(split.group(1), hours), _times(split.group(2), hours)))
    if not openings:
        raise BadOutletHours("no opening hours given")
    return tuple(openings)


def spoken(hours, language):
    """The hours as a person says them, in `language`: 周一至周五上午8点30分至下午5点 / Monday to
    Friday, 8:30 a.m. to 5:00 p.m.; None when they cannot be read (old data, loaded before checks)."""
    try:
        openings = parse(hours)
    except BadOutletHours:
        return None
    parts = []
    for opening in openings:
        ranges = [
            text("outlets.time_range", language, start=start, end=end)
            for start, end in (speech.clock_span(*times, language) for times in opening.times)
        ]
        joined = ("、" if language == "zh" else " and ").join(ranges)
        parts.append(text("outlets.opening", language, days=day_range(opening.days, language), times=joined))
    return ("；" if language == "zh" else "; ").join(parts)


def written(hours, language):
    """The hours for an SMS, short and in the message's language: 周一至周五8:30-17:00 / Mon-Fri 8:30-17:00."""
    try:
        openings = parse(hours)
    except BadOutletHours:
        return hours
    names = [text(f"outlets.day_short.{d}", language) for d in range(7)]
    parts = []
    for opening in openings:
        days = opening.days
        if len(days) > 1 and list(days) == list(range(days[0], days[-1] + 1)):
            day_text = names[days[0]] + ("至" if language == "zh" else "-") + names[days[-1]]
        else:
            day_text = ("、" if language == "zh" else ",").join(names[d] for d in days)
        times = ",".join(f"{s.hour}:{s.minute:02d}-{e.hour}:{e.minute:02d}" for s, e in opening.times)
        parts.append(day_text + ("" if language == "zh" else " ") + times)
    return ("；" if language == "zh" else "; ").join(parts)
