"""Numbers, dates and times as a person says them on the phone."""

from datetime import date, time

import pytest

from ivr.prompts import speech


@pytest.mark.parametrize(
    "value, zh, en",
    [
        (time(8, 30), "上午8点半", "8:30 a.m."),
        (time(14, 0), "下午两点", "2 p.m."),
        (time(12, 0), "中午12点", "noon"),
        (time(17, 30), "下午5点半", "5:30 p.m."),
        (time(9, 15), "上午9点15分", "9:15 a.m."),
    ],
)
def test_times(value, zh, en):
    assert (speech.clock(value, "zh"), speech.clock(value, "en")) == (zh, en)


def test_dates_leave_out_this_years_year():
    today = date(2026, 11, 25)
    assert speech.day(date(2026, 12, 5), "zh", today) == "12月5日星期六"
    assert speech.day(date(2026, 12, 5), "en", today) == "Saturday, December 5"
    assert speech.day(date(2027, 1, 4), "zh", today) == "2027年1月4日星期一"
    assert speech.day(date(2027, 1, 4), "en", today) == "Monday, January 4, 2027"


@pytest.mark.parametrize(
    "number, zh, en",
    [
        ("13912345678", "幺 三 九，幺 二 三 四，五 六 七 八", "1, 3, 9; 1, 2, 3, 4; 5, 6, 7, 8"),
        ("+8613912345678", "幺 三 九，幺 二 三 四，五 六 七 八", "1, 3, 9; 1, 2, 3, 4; 5, 6, 7, 8"),
        ("01065559876", "零 幺 零，六 五 五 五，九 八 七 六", "0, 1, 0; 6, 5, 5, 5; 9, 8, 7, 6"),
        ("075512345678", "零 七 五 五，幺 二 三 四，五 六 七 八", "0, 7, 5, 5; 1, 2, 3, 4; 5, 6, 7, 8"),
    ],
)
def test_phone_numbers_are_read_in_groups(number, zh, en):
    assert (speech.phone(number, "zh"), speech.phone(number, "en")) == (zh, en)


def test_a_reference_is_marked_to_be_said_slowly_in_two_groups():
    said = speech.grouped("12345678", "zh")
    assert said.startswith(speech.SLOW) and said.endswith(speech.SLOW_END) and said.count(speech.PAUSE) == 1


@pytest.mark.parametrize(
    "start, end, zh, en",
    [
        (time(9, 0), time(11, 30), ("上午9点", "11点半"), ("9 a.m.", "11:30 a.m.")),  # 上午 said once
        (time(14, 0), time(17, 0), ("下午两点", "5点"), ("2 p.m.", "5 p.m.")),
        (time(8, 30), time(17, 30), ("上午8点半", "下午5点半"), ("8:30 a.m.", "5:30 p.m.")),
        (time(9, 0), time(12, 0), ("上午9点", "中午12点"), ("9 a.m.", "noon")),
    ],
)
def test_a_span_of_hours_says_the_part_of_the_day_once(start, end, zh, en):
    assert (speech.clock_span(start, end, "zh"), speech.clock_span(start, end, "en")) == (zh, en)
