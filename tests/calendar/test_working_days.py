"""Working days follow China's holiday calendar: holidays off, make-up weekend days on."""

import logging
from datetime import UTC, date, datetime, timedelta

import pytest

from ivr.calendar import staffed_hours as operator_hours
from ivr.calendar import workdays


@pytest.mark.parametrize(
    "start, count, expected",
    [
        # Spring Festival 2026: 15-23 February off; Saturday 14 and Saturday 28 February are worked.
        (date(2026, 2, 13), 1, date(2026, 2, 14)),  # Friday -> the make-up Saturday
        (date(2026, 2, 14), 1, date(2026, 2, 24)),  # the whole festival is skipped
        (date(2026, 2, 12), 5, date(2026, 2, 26)),  # 13, 14, 24, 25, 26
        (date(2026, 2, 26), 2, date(2026, 2, 28)),  # 27, then the make-up Saturday 28
        # National Day 2026: 1-7 October off; Sunday 20 September and Saturday 10 October are worked.
        (date(2026, 9, 18), 1, date(2026, 9, 20)),
        (date(2026, 9, 30), 1, date(2026, 10, 8)),
        (date(2026, 10, 9), 1, date(2026, 10, 10)),
        (date(2026, 9, 24), 15, date(2026, 10, 22)),  # Mid-Autumn 25 Sep and 1-7 Oct off; 10 Oct worked
        (date(2026, 11, 27), 1, date(2026, 11, 30)),  # an ordinary Friday -> Monday
    ],
)
def test_nth_working_day_after_follows_the_2026_calendar(start, count, expected):
    assert workdays.nth_working_day_after(start, count) == expected


def test_an_unknown_year_counts_weekdays_and_warns_once(caplog, monkeypatch):
    monkeypatch.setattr(workdays, "_warned_years", set())
    caplog.set_level(logging.WARNING, logger="ivr.calendar.workdays")
    assert workdays.nth_working_day_after(date(2031, 1, 31), 1) == date(2031, 2, 3)  # Fri -> Mon
    assert workdays.nth_working_day_after(date(2031, 5, 1), 3) == date(2031, 5, 6)
    warnings = [r for r in caplog.records if "2031" in r.getMessage()]
    assert len(warnings) == 1 and "chinesecalendar" in warnings[0].getMessage()


def beijing(*args):
    return (datetime(*args) - timedelta(hours=8)).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    "local, open_",
    [
        ((2026, 10, 1, 10, 0), False),  # National Day, a Thursday
        ((2026, 10, 5, 10, 0), False),  # still the holiday, a Monday
        ((2026, 10, 10, 10, 0), True),  # make-up Saturday
        ((2026, 9, 20, 10, 0), True),  # make-up Sunday
        ((2026, 2, 17, 10, 0), False),  # Spring Festival
        ((2026, 2, 14, 10, 0), True),  # make-up Saturday before it
        ((2026, 2, 28, 9, 0), True),  # make-up Saturday after it
        ((2026, 10, 8, 10, 0), True),  # first day back
    ],
)
def test_operators_are_off_on_public_holidays_and_on_duty_on_make_up_days(local, open_):
    assert operator_hours.is_open("Mon-Fri 08:30-17:30", beijing(*local), "Asia/Shanghai") is open_


def test_a_staffed_saturday_is_closed_when_it_falls_in_a_holiday():
    spec = "Mon-Fri 08:30-17:30; Sat 09:00-12:00"
    assert operator_hours.is_open(spec, beijing(2026, 10, 3, 10, 0), "Asia/Shanghai") is False
    assert operator_hours.is_open(spec, beijing(2026, 11, 28, 10, 0), "Asia/Shanghai") is True


def test_the_spoken_hours_say_public_holidays_are_off():
    assert operator_hours.spoken("Mon-Fri 08:30-17:30", "zh").endswith("（法定节假日除外）")
    assert operator_hours.spoken("Mon-Fri 08:30-17:30", "en").endswith("5:30 p.m., except public holidays")
