"""The scheduler: fixed job ids, one run at a time, no tick dropped after downtime, not started by the factory."""

from apscheduler.schedulers.blocking import BlockingScheduler

from scheduler import build_scheduler


def test_jobs_have_fixed_ids_and_never_overlap_or_drop_a_late_tick(app):
    scheduler = build_scheduler(app)
    assert not scheduler.running
    scheduler.start(paused=True)  # the job defaults are applied when it starts; paused: nothing runs
    try:
        jobs = {job.id: job for job in scheduler.get_jobs()}
    finally:
        scheduler.shutdown(wait=True)
    assert set(jobs) == {
        "dispatch-messages",
        "lapse-reports",
        "flag-uncollected-cards",
        "forget-idempotency-keys",
        "summarise-service-hours",
    }
    for job in jobs.values():
        assert job.max_instances == 1 and job.coalesce is True and job.misfire_grace_time is None
    assert jobs["dispatch-messages"].trigger.interval.total_seconds() == app.config["SMS_DISPATCH_SECONDS"]
    assert jobs["summarise-service-hours"].trigger.interval.total_seconds() == app.config["SERVICE_SUMMARY_SECONDS"]


def test_tencent_replies_are_pulled_only_where_configured(app):
    app.config.update(SMS_BACKEND="tencent", TENCENT_SMS_PULL_REPLIES=True)
    scheduler = build_scheduler(app)
    scheduler.start(paused=True)
    try:
        job = scheduler.get_job("pull-sms-replies")
    finally:
        scheduler.shutdown(wait=True)
    assert job.trigger.interval.total_seconds() == app.config["SMS_REPLY_PULL_SECONDS"]


def test_the_scheduler_command_blocks_in_its_own_process(app):
    assert isinstance(build_scheduler(app, blocking=True), BlockingScheduler)
