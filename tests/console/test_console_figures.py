"""Every dashboard figure against a small history counted by hand, straight from the queries."""

from datetime import date

import pytest

from ivr.console import figures
from ivr.console.ranges import BadRange, DayRange, from_args, last_days
from tests.support.console import seed
from tests.support.known import (
    SEVEN_DAYS,
    SEVEN_DAYS_ABANDONED_AT,
    SEVEN_DAYS_FUNNEL,
    SEVEN_DAYS_PER_DAY,
    SEVEN_DAYS_PER_HOUR,
    START,
)

TZ = "Asia/Shanghai"


@pytest.fixture
def history(cardholders, session):
    ids = seed(session)
    session.commit()
    return ids


def test_seven_day_figures_match_the_hand_count(history, session):
    fig = figures.compute(session, last_days(7, START, TZ))
    got = {name: getattr(fig, name) for name in SEVEN_DAYS}
    assert got == SEVEN_DAYS
    assert fig.self_service_rate == pytest.approx(4 / 11)


def test_charts_add_up_to_the_same_calls(history, session):
    fig = figures.compute(session, last_days(7, START, TZ))
    assert {h: n for h, n in enumerate(fig.per_hour) if n} == SEVEN_DAYS_PER_HOUR
    assert {d.isoformat(): n for d, n in fig.per_day.items()} == SEVEN_DAYS_PER_DAY
    assert sum(fig.per_hour) == sum(fig.per_day.values()) == sum(fig.by_outcome.values()) == fig.calls
    assert {key: n for key, _, n in fig.funnel} == SEVEN_DAYS_FUNNEL
    assert dict(fig.abandoned_at_step) == SEVEN_DAYS_ABANDONED_AT
    assert fig.by_outcome["in_progress"] == 1


def test_thirty_days_take_in_the_older_call(history, session):
    fig = figures.compute(session, last_days(30, START, TZ))
    assert fig.calls == 12 and fig.reports_filed == 2 and fig.unique_callers == 8
    assert fig.sms_failed == 2  # the reminder that failed on 10 November too


def test_today_counts_only_calls_since_local_midnight(history, session):
    fig = figures.compute(session, last_days(1, START, TZ))
    assert (fig.calls, fig.abandoned, fig.reports_filed, fig.unique_callers) == (3, 1, 1, 2)
    assert fig.per_hour[9] == 3


def test_an_empty_range_has_no_rate_or_durations(history, session):
    fig = figures.compute(session, DayRange(date(2025, 1, 1), date(2025, 1, 2), TZ))
    assert fig.calls == 0 and fig.self_service_rate is None and fig.p90_duration_s is None
    assert [n for _, _, n in fig.funnel] == [0] * len(figures.FUNNEL)


def test_a_call_at_2330_local_belongs_to_that_local_day(history, session):
    fig = figures.compute(session, DayRange(date(2026, 11, 22), date(2026, 11, 22), TZ))
    assert fig.calls == 2 and fig.per_hour[23] == 1


@pytest.mark.parametrize(
    "args, reason",
    [
        ({"first": "2026-13-01"}, "YYYY-MM-DD"),
        ({"first": "2026-11-20", "last": "2026-11-01"}, "before"),
        ({"first": "2020-01-01", "last": "2026-01-01"}, "at most"),
        ({"range": "forever"}, "range must be"),
    ],
)
def test_bad_ranges_say_what_is_wrong(args, reason):
    with pytest.raises(BadRange, match=reason):
        from_args(args, START, TZ)


def test_presets_end_today_in_local_time():
    assert from_args({"range": "30d"}, START, TZ) == DayRange(date(2026, 10, 27), date(2026, 11, 25), TZ)
    assert from_args({}, START, TZ, default="today").first == date(2026, 11, 25)
