"""China's working days: public holidays off, make-up working days (调休) on, from chinese_calendar.

One rule for every date the hotline promises ("ready in 15 working days") and for when operators
are on duty. The State Council publishes each year's calendar in the previous autumn; for a year
the installed calendar does not know yet, weekdays stand in and a warning is logged once a year,
so an operator knows to upgrade `chinesecalendar`.
"""

import logging
from datetime import timedelta

import chinese_calendar

log = logging.getLogger(__name__)
_warned_years = set()


def _unknown_year(day):
    if day.year not in _warned_years:
        _warned_years.add(day.year)
        log.warning(
            "the holiday calendar does not know %s yet: counting Monday to Friday as working days "
            "(upgrade chinesecalendar)",
            day.year,
        )


def is_working_day(day):
    """Is `day` a working day in mainland China (make-up Saturdays and Sundays included)?"""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        _unknown_year(day)
        return day.weekday() < 5


def is_public_holiday(day):
    """Is `day` inside a public-holiday period (the weekend days the period takes in included)?"""
    try:
        off, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        _unknown_year(day)
        return False
    return off and name is not None


def weekday_kept(day):
    """Which weekday's timetable `day` keeps: None on a public holiday; Monday's on a make-up
    Saturday or Sunday (a make-up day is worked as an ordinary weekday); else its own."""
    if is_public_holiday(day):
        return None
    if day.weekday() >= 5 and is_working_day(day):
        return 0
    return day.weekday()


def nth_working_day_after(day, count):
    """The date `count` working days after `day` (`day` itself never counts)."""
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day
