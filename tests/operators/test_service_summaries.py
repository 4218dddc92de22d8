"""Hours that are over are read from their sums (ivr/operators/service_summaries.py): the hand-made day
gives the same figures from the sums as from the calls, on SQLite and PostgreSQL; summing twice changes
nothing, it catches up after downtime, and a late change (a wrap-up recorded the next day, a callback
made) shows at once."""

import threading
from dataclasses import fields
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from ivr import create_app
from ivr.operators import callbacks, service_measure, service_summaries, wrapup
from ivr.operators.service_levels import Tally
from ivr.store import Call, CallbackRequest, QueueVisit, ServiceHour, StaleServiceHour, db, service_hours
from ivr.voice import calls
from scheduler.jobs import JOBS
from scheduler.service_levels import summarise_service_hours
from tests.support.service_day import END, START, TZ, at, check_figures, seed_day

# Every hour of the day is over, even those whose calls never had their end recorded.
AFTER = END + service_summaries.GIVE_UP + timedelta(hours=1)


@pytest.fixture(params=["sqlite", "postgresql"])
def app(request, app_config, clock):
    """The app on SQLite, then on a fresh PostgreSQL schema."""
    config = dict(app_config)
    if request.param == "postgresql":
        config["DATABASE_URL"] = request.getfixturevalue("fresh_schema")("w29_service_hours")
    app = create_app(config)
    yield app
    db.engine.dispose()


@pytest.fixture
def session(app):
    with app.app_context(), db.new_session() as session:
        yield session


def figures(session, target_s=15):
    fig = service_measure.measure(session, START, END, TZ, target_s)
    session.commit()  # SQLite: the summariser writes next, and this session must not hold the lock
    return fig


def plain(fig):
    """A Breakdown as comparable values (a slice with nothing in it is the same as no slice)."""

    def kept(slices):
        return {key: tally for key, tally in slices.items() if tally != Tally()}

    return fig.total, kept(fig.hours), kept(fig.days), kept(fig.months), kept(fig.operators)


def summarise(now, **kwargs):
    return service_summaries.catch_up(db, now=now, target_s=15, **kwargs)


def stored(session, model):
    found = session.scalar(select(func.count()).select_from(model))
    session.commit()
    return found


def test_the_day_from_its_sums_is_the_day_from_its_calls(session):
    hua, ming = seed_day(session)
    live = figures(session)
    assert stored(session, ServiceHour) == 0

    assert summarise(AFTER) > 24
    summed = figures(session)
    assert plain(summed) == plain(live)
    check_figures(summed, hua, ming)

    # Read from the sums indeed: a change the sums are not told of does not show.
    session.execute(update(Call).values(outcome="abandoned"))
    session.commit()
    assert figures(session).total.self_served == 5


@pytest.mark.parametrize("hours_later", [0, 3, 11])
def test_part_summed_part_live_is_the_same_day(session, hours_later):
    """Hours over by then from their sums, the rest (the hour of the stay still waiting among them) live."""
    seed_day(session)
    live = figures(session)
    assert summarise(at(11) + service_summaries.GIVE_UP + timedelta(hours=hours_later)) > 0
    assert stored(session, ServiceHour) > 0 and plain(figures(session)) == plain(live)


def test_an_hour_is_summed_once_over_and_nothing_begun_in_it_is_in_progress(session):
    seed_day(session)
    summarise(at(11, 5))
    hours = session.scalars(select(ServiceHour.hour).where(ServiceHour.operator_id == 0)).all()
    session.commit()
    local = {hour.astimezone(TZ).hour for hour in hours if hour >= START}
    # 00:00 holds a call still in progress (its caller waits in the queue); 11:00 is not over.
    assert local == set(range(1, 11))


def test_summing_again_changes_nothing_and_it_catches_up_after_downtime(session):
    seed_day(session)
    live = figures(session)
    noon = at(12) + service_summaries.GIVE_UP
    first = summarise(noon)
    rows = session.execute(select(ServiceHour).order_by(ServiceHour.hour, ServiceHour.operator_id)).scalars().all()
    before = [(r.hour, r.operator_id, r.calls, r.offered, r.answered, r.talk_s) for r in rows]
    session.commit()
    assert first > 0 and summarise(noon) == 0
    rows = session.execute(select(ServiceHour).order_by(ServiceHour.hour, ServiceHour.operator_id)).scalars().all()
    assert [(r.hour, r.operator_id, r.calls, r.offered, r.answered, r.talk_s) for r in rows] == before
    session.commit()

    # Down for two days: the next run sums every hour since, and the day reads as before.
    assert summarise(AFTER + timedelta(days=2)) == 48 + 12 + 1
    assert plain(figures(session)) == plain(live)


def test_two_summarisers_at_once_sum_each_hour_once(session, app):
    """A second scheduler started by mistake: each stretch of hours is summed under the summariser's lock."""
    seed_day(session)
    live = figures(session)
    found, errors = [], []

    def run():
        try:
            with app.app_context():
                found.append(summarise(AFTER))
        except Exception as exc:  # noqa: BLE001 - the test reports what either thread raised
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors and sum(found) >= 24
    assert plain(figures(session)) == plain(live)
    rows = session.scalar(select(func.count()).select_from(ServiceHour).where(ServiceHour.operator_id == 0))
    assert rows == len({h for h in session.scalars(select(ServiceHour.hour))})


def test_a_run_does_a_bounded_part_newest_first_and_the_next_runs_go_on(session):
    seed_day(session)
    live = figures(session)
    assert summarise(AFTER, batches=1) == service_summaries.BATCH_HOURS
    newest = session.scalar(select(func.max(ServiceHour.hour)))
    session.commit()
    assert newest == service_summaries.hour_start(AFTER - service_summaries.SETTLE) - timedelta(hours=1)
    runs = 1
    while summarise(AFTER, batches=1):
        runs += 1
    assert runs > 4 and plain(figures(session)) == plain(live)


def test_a_late_wrapup_and_a_callback_made_the_next_day_show_at_once(session, clock):
    hua, _ = seed_day(session)
    session.execute(update(QueueVisit).where(QueueVisit.enqueued_at == at(10, 10)).values(wrapup_code=None))
    session.commit()
    summarise(AFTER)
    assert figures(session).total.wrapups == {"solved": 1, "preloss_filed": 1}

    assert figures(session).total.callbacks_open == 1

    clock.now = AFTER  # the next day
    visit = session.scalar(select(QueueVisit).where(QueueVisit.enqueued_at == at(10, 10)))
    wrapup.record(session, visit.id, hua, "complaint", "", {"WRAPUP_CODES": "solved,complaint"}, now=AFTER)
    request = session.scalar(select(CallbackRequest).where(CallbackRequest.status == "open"))
    callbacks.claim(session, request.id, hua, now=AFTER, hold_minutes=30)
    session.refresh(request)
    callbacks.record_outcome(session, request, hua, "reached", "", now=AFTER, max_attempts=3)
    calls.write_held(session)  # the wrap-up's event on its call, as the console writes it
    session.commit()
    fig = figures(session)
    assert fig.total.wrapups == {"solved": 1, "preloss_filed": 1, "complaint": 1}
    assert fig.hours[10].wrapups == {"complaint": 1} and fig.operators[hua].wrapups == {"solved": 1, "complaint": 1}
    assert (fig.total.callbacks_reached, fig.total.callbacks_open) == (2, 0)

    assert summarise(AFTER) == 1  # the hour of both (10:00) summed again, the marks forgotten
    assert stored(session, StaleServiceHour) == 0 and plain(figures(session)) == plain(fig)


def test_a_change_the_figures_are_not_told_of_does_not_show_once_summed(session):
    """The sums are read indeed: a plain UPDATE (no flush of the ORM) marks no hour."""
    seed_day(session)
    summarise(AFTER)
    session.execute(update(CallbackRequest).where(CallbackRequest.status == "open").values(status="reached"))
    session.commit()
    assert figures(session).total.callbacks_open == 1


def test_another_service_level_target_counts_live_until_summed_under_it(session):
    seed_day(session)
    summarise(AFTER)
    at_40 = figures(session, target_s=40)
    assert (at_40.total.answered_in_target, at_40.total.service_level) == (3, 3 / 5)
    assert service_summaries.catch_up(db, now=AFTER, target_s=40) > 24
    assert plain(figures(session, target_s=40)) == plain(at_40)


def test_a_wrapup_in_an_hour_not_yet_summed_leaves_no_mark_behind(session):
    hua, _ = seed_day(session)
    session.execute(update(QueueVisit).where(QueueVisit.enqueued_at == at(10, 10)).values(wrapup_code=None))
    visit = session.scalar(select(QueueVisit).where(QueueVisit.enqueued_at == at(10, 10)))
    wrapup.record(session, visit.id, hua, "solved", "", {"WRAPUP_CODES": "solved"}, now=at(10, 20))
    calls.write_held(session)
    session.commit()
    summarise(at(10, 30))  # nothing of the day is over yet
    assert stored(session, StaleServiceHour) == 0


def test_the_scheduler_sums_the_hours(app, clock):
    assert "summarise-service-hours" in {job.id for job in JOBS}
    with app.app_context(), db.new_session() as session:
        seed_day(session)
    clock.now = AFTER
    assert summarise_service_hours(app) > 24
    with app.app_context(), db.new_session() as session:
        assert session.scalar(select(func.count()).select_from(ServiceHour)) > 24


def test_every_figure_of_a_tally_is_kept_for_an_hour():
    """A figure added to Tally and not to the hours' sums would read 0 for every summed hour."""
    assert set(service_hours.FIGURES) == {f.name for f in fields(Tally)} - {"wrapups"}
