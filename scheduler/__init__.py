"""The hotline's clock: one APScheduler in one process runs the jobs in scheduler/jobs.py.

APScheduler is the clock, not the store: jobs live in memory and every message is a database
row, so the scheduler can be restarted at any moment. Start it exactly once: `python app.py`
runs it in-process (no reloader); under gunicorn run `flask --app app scheduler` beside the web
workers, never inside them. Two schedulers by mistake send nothing twice (claims are atomic).
"""

import logging

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.blocking import BlockingScheduler

from scheduler import jobs

JOB_DEFAULTS = {
    # One run at a time; ticks missed while down collapse into one run, however long ago.
    "max_instances": 1,
    "coalesce": True,
    "misfire_grace_time": None,
}


def build_scheduler(app, *, blocking=False):
    """A scheduler with the hotline's jobs, not yet started (start it in exactly one process)."""
    # Every tick would log two lines at INFO; failures are still logged.
    logging.getLogger("apscheduler.executors.default").setLevel(logging.WARNING)
    kind = BlockingScheduler if blocking else BackgroundScheduler
    scheduler = kind(job_defaults=JOB_DEFAULTS, timezone=app.config["IVR_TIMEZONE"])
    for job in (job for job in jobs.JOBS if job.wanted(app.config)):
        scheduler.add_job(
            jobs.observed,
            "interval",
            seconds=app.config[job.every_key],
            id=job.id,
            args=[job, app],
            replace_existing=True,
        )
    return scheduler
