"""Every service-level formula pinned on one hand-made day of calls (tests/support/service_day.py),
on SQLite and PostgreSQL."""

import pytest

from ivr.operators import service_levels
from ivr.store import db
from tests.support.service_day import DAY, END, START, TZ, seed_day


def check_day(session):
    hua, ming = seed_day(session)
    fig = service_levels.measure(session, START, END, TZ, target_s=15)
    t = fig.total
    assert (t.calls, t.self_served, t.self_service_rate) == (10, 5, 0.5)  # the call before midnight is the 24th's
    assert (t.offered, t.answered, t.abandoned, t.left_for_callback, t.still_waiting) == (5, 3, 1, 1, 1)
    assert t.answer_rate == 3 / 5 and t.abandon_rate == 1 / 5
    assert (t.answered_in_target, t.service_level) == (2, 2 / 5)
    assert t.average_speed_of_answer_s == pytest.approx((10 + 15 + 40) / 3)
    assert t.longest_wait_s == 120 and t.average_handle_time_s == (200 + 100 + 300) / 3
    assert (t.callbacks_asked, t.callbacks_automatic, t.callbacks_in_time, t.callbacks_reached, t.callbacks_open) == (
        3,
        1,
        1,
        1,
        1,
    )
    assert (t.ratings_given, t.ratings_satisfied, t.satisfaction) == (4, 3, 0.75)
    assert t.wrapups == {"solved": 2, "preloss_filed": 1}

    nine, ten = fig.hours[9], fig.hours[10]
    assert (nine.offered, nine.answered, nine.service_level, nine.calls) == (2, 2, 1.0, 8)
    assert (ten.offered, ten.answered, ten.abandon_rate, ten.service_level, ten.longest_wait_s) == (3, 1, 1 / 3, 0, 120)
    assert fig.hours[0].calls == 1 and fig.hours[23].calls == 1
    assert list(fig.days) == [DAY] and list(fig.months) == ["2026-11"]
    assert fig.days[DAY].answer_rate == t.answer_rate == fig.months["2026-11"].answer_rate

    by_hua, by_ming = fig.operators[hua], fig.operators[ming]
    assert (by_hua.answered, by_hua.average_speed_of_answer_s, by_hua.average_handle_time_s) == (2, 25, 250)
    assert (by_hua.satisfaction, by_hua.wrapups) == (0.5, {"solved": 2})
    assert (by_ming.answered, by_ming.average_handle_time_s, by_ming.satisfaction) == (1, 100, 1.0)
    assert None not in fig.operators  # abandoned stays and self-service ratings belong to nobody


def test_the_day_on_sqlite(session):
    check_day(session)


def test_the_day_on_postgresql(app_config, clock, fresh_schema):
    from ivr import create_app

    app = create_app({**app_config, "DATABASE_URL": fresh_schema("w29_service_levels")})
    with app.app_context(), db.new_session() as session:
        check_day(session)
    db.engine.dispose()


def test_rates_of_nothing_are_not_zero():
    empty = service_levels.Tally()
    assert empty.answer_rate is None and empty.service_level is None and empty.satisfaction is None
    assert service_levels.meets(None, 80) is None
    assert service_levels.meets(0.8, 80) is True and service_levels.meets(0.79, 80) is False


def test_tallies_add_up_and_keep_the_longest_wait():
    a = service_levels.Tally(offered=2, answered=1, longest_wait_s=30)
    a.wrapups["solved"] = 1
    b = service_levels.Tally(offered=3, answered=3, longest_wait_s=20)
    b.wrapups["solved"] = 2
    a.add(b)
    assert (a.offered, a.answered, a.longest_wait_s, a.wrapups["solved"]) == (5, 4, 30, 3)
