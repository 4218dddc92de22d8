"""Calls in progress now, refreshing by itself, with today's figures beside them.

The page asks /console/live/panel every few seconds (a small script, no library) and swaps in the
HTML it gets, rendered here in the operator's language; the page itself never reloads.
"""

from datetime import timedelta

from flask import current_app, render_template

from ivr.console import figures
from ivr.console.blueprint import bp, now
from ivr.console.calllog import masked
from ivr.console.ranges import last_days
from ivr.store.live import calls_in_progress
from ivr.store.report_reader import reader

REFRESH_SECONDS = 3
# A call with no outcome and no end this old lost its status callback: it is not "in progress".
STALE_AFTER = timedelta(hours=2)


def calls_now(session, moment):
    rows = calls_in_progress(session, moment, STALE_AFTER)
    return [
        dict(
            id=r.id,
            call_sid=r.call_sid,
            started_at=r.started_at,
            caller=masked(r.from_number),
            language=r.language,
            step=r.step,
            purpose=r.purpose or "",
            seconds=max(0, int((moment - r.started_at).total_seconds())),
        )
        for r in rows
    ]


def panel_context():
    moment = now()
    today = last_days(1, moment, current_app.config["IVR_TIMEZONE"])
    return dict(calls=calls_now(reader.session, moment), fig=figures.compute(reader.session, today), at=moment)


@bp.get("/live")
def live():
    """The live page: the panel once, then the script keeps it fresh."""
    return render_template("console/live.html", refresh=REFRESH_SECONDS, **panel_context())


@bp.get("/live/panel")
def live_panel():
    """The panel alone, for the page's script."""
    return render_template("console/_live_panel.html", **panel_context())
