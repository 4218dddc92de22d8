"""Service levels: sum the hours that are over, so the reports read a month from ~720 rows."""

from ivr.calendar import clock
from ivr.operators.service_summaries import catch_up
from ivr.store import db


def summarise_service_hours(app):
    """Sum every hour that is over and not summed yet (newest first, a bounded number per run)."""
    with app.app_context():
        return catch_up(db, now=clock.now(), target_s=app.config["SERVICE_LEVEL_SECONDS"])
