"""The wallboard: a page a team lead leaves on a screen across the room, refreshing itself.

Waiting now, the longest wait now, operators on the line, today's answer rate and service level
against their targets, open callbacks. The page fetches its panel every few seconds (live.js).
"""

from datetime import timedelta

from flask import current_app, render_template

from ivr.console.blueprint import bp, now
from ivr.console.ranges import last_days
from ivr.operators import service_levels, service_measure
from ivr.store import service_rows
from ivr.store.report_reader import reader

REFRESH_SECONDS = 5
LIVE_WINDOW = timedelta(hours=12)  # a stay older than this with no end lost its last callback


def board(session, config, moment):
    """Every number on the wallboard, as of `moment`."""
    today = last_days(1, moment, config["IVR_TIMEZONE"])
    waiting, oldest, talking = service_rows.queue_now(session, moment - LIVE_WINDOW)
    fig = service_measure.measure(session, today.start, today.end, today.tz, config["SERVICE_LEVEL_SECONDS"]).total
    return dict(
        waiting=waiting,
        longest_wait_s=max(0, int((moment - oldest).total_seconds())) if oldest else 0,
        talking=talking,
        today=fig,
        answer_rate_met=service_levels.meets(fig.answer_rate, config["ANSWER_RATE_TARGET_PERCENT"]),
        service_level_met=service_levels.meets(fig.service_level, config["SERVICE_LEVEL_TARGET_PERCENT"]),
        open_callbacks=service_rows.open_callbacks(session),
        at=moment,
    )


def context():
    return dict(board=board(reader.session, current_app.config, now()), config=current_app.config)


@bp.get("/wallboard")
def wallboard():
    """The wallboard page: the panel once, then the script keeps it fresh."""
    return render_template("console/wallboard.html", refresh=REFRESH_SECONDS, **context())


@bp.get("/wallboard/panel")
def wallboard_panel():
    return render_template("console/_wallboard_panel.html", **context())
