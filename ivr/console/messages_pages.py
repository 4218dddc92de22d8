"""The SMS page: every message with its state, filtered by kind, state and day; failed ones resent."""

from flask import current_app, render_template, request

from ivr.console.blueprint import bp
from ivr.console.calllog import masked
from ivr.console.labels import LABELS, choices
from ivr.console.pages import day_range, page_number
from ivr.messaging.outbox import messages_created
from ivr.store.messages import MESSAGE_STATES
from ivr.store.report_reader import reader


def sms_filter():
    """What the page is asked to show: days (a 400 page if wrong), kind, state and page (unknown ones ignored)."""
    kind, state = request.args.get("kind", ""), request.args.get("state", "")
    return dict(
        days=day_range(),
        kind=kind if kind in LABELS["sms_kind"] else "",
        state=state if state in MESSAGE_STATES else "",
        page=page_number(request.args),
    )


@bp.get("/messages")
def messages():
    """SMS created in the days asked for, newest first, one page at a time."""
    flt, size = sms_filter(), current_app.config["CONSOLE_PAGE_SIZE"]
    days, kind, state, page = flt["days"], flt["kind"], flt["state"], flt["page"]
    rows = messages_created(
        reader.session, days.start, days.end, kind=kind, state=state, offset=(page - 1) * size, limit=size + 1
    )
    return render_template(
        "console/messages.html",
        rows=[dict(message=m, to=masked(m.to_number)) for m in rows[:size]],
        more=len(rows) > size,
        kinds=choices("sms_kind"),
        states=choices("sms_state", MESSAGE_STATES),
        query=dict(days.query(), **{k: v for k, v in (("kind", kind), ("state", state)) if v}),
        **flt,
    )
