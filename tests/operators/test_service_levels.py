"""Every service-level formula pinned on one hand-made day of calls (tests/support/service_day.py),
on SQLite and PostgreSQL."""

from ivr import create_app
from ivr.operators import service_levels, service_measure
from ivr.store import db
from tests.support.service_day import END, START, TZ, check_figures, seed_day


def check_day(session):
    hua, ming = seed_day(session)
    check_figures(service_measure.measure(session, START, END, TZ, target_s=15), hua, ming)


def test_the_day_on_sqlite(session):
    check_day(session)


def test_the_day_on_postgresql(app_config, clock, fresh_schema):
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
