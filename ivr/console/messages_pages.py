"""The SMS page: every message with its state, filtered by kind, state and day; failed ones resent."""

from flask import abort, current_app, render_template, request
from flask_babel import gettext as _

from ivr.console.blueprint import bp, now
from ivr.console.calllog import masked
from ivr.console.labels import LABELS, choices
from ivr.console.ranges import BadRange, from_args
from ivr.messaging.outbox import messages_created
from ivr.store.messages import MESSAGE_STATES
from ivr.store.report_reader import reader


@bp.get("/messages")
def messages():
    """SMS created in the days asked for, newest first, one page at a time."""
    try:
        days = from_args(request.args, now(), current_app.config["IVR_TIMEZONE"], default="7d")
    except BadRange:
        abort(
            400,
            description=_("The dates are not a range the console can show (from must be before to, at most a year)."),
        )
    kind, state = request.args.get("kind", ""), request.args.get("state", "")
    kind = kind if kind in LABELS["sms_kind"] else ""
    state = state if state in MESSAGE_STATES else ""
    page = request.args.get("page", "1")
    page = int(page) if page.isdigit() and 0 < int(page) < 100000 else 1
    size = current_app.config["CONSOLE_PAGE_SIZE"]
    rows = messages_created(
        reader.session, days.start, days.end, kind=kind, state=state, offset=(page - 1) * size, limit=size + 1
    )
    listed = [dict(message=m, to=masked(m.to_number)) for m in rows[:size]]
    query = dict(days.query(), **{k: v for k, v in (("kind", kind), ("state", state)) if v})
    return render_template(
        "console/messages.html",
        rows=listed,
        more=len(rows) > size,
        page=page,
        days=days,
        kind=kind,
        state=state,
        kinds=choices("sms_kind"),
        states=choices("sms_state", MESSAGE_STATES),
        query=query,
    )
