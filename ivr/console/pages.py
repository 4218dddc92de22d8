"""Dashboard, call log and a call's timeline, with their CSV exports."""

from flask import Response, abort, current_app, render_template, request, stream_with_context, url_for

from .reading import reader
from . import bp, calllog, exports, figures, now, service_figures, wording
from .ranges import BadRange, from_args


def day_range(default="7d"):
    """The range the request asks for, or a 400 page that says what is wrong with it."""
    try:
        return from_args(request.args, now(), current_app.config["IVR_TIMEZONE"], default=default)
    except BadRange as exc:
        abort(400, description=str(exc))


def call_filter():
    """The call-log filters the request asks for, or a 400 page that names the wrong one."""
    try:
        return calllog.parse_filter(request.args, day_range(), current_app.config["DEFAULT_REGION"])
    except calllog.BadFilter as exc:
        abort(400, description=str(exc))


@bp.get("/")
def dashboard():
    """The figures and charts for a range of days."""
    days = day_range()
    fig = figures.compute(reader.session, days)
    service = service_figures.compute(reader.session, days, now())
    return render_template(
        "console/dashboard.html", fig=fig, days=days, preset=request.args.get("range", ""), service=service,
        score_names=service_figures.SCORE_NAMES, reason_names=service_figures.REASON_NAMES,
        csv_url=url_for("console.figures_csv", **days.query()),
    )


@bp.get("/figures.csv")
def figures_csv():
    """The dashboard's figures for the range, as figure,value lines."""
    days = day_range()
    fig = figures.compute(reader.session, days)
    service = service_figures.compute(reader.session, days, now())
    name = f"figures-{days.first.isoformat()}-{days.last.isoformat()}.csv"
    return csv_response(exports.csv_chunks(("figure", "value"), iter(fig.flat() + service.flat())), name)


@bp.get("/calls")
def call_log():
    """Calls in a range, filtered, newest first, one page at a time."""
    flt = call_filter()
    page = request.args.get("page", "1")
    page = int(page) if page.isdigit() and 0 < int(page) < 100000 else 1
    rows, more = calllog.list_calls(reader.session, flt, page=page, page_size=current_app.config["CONSOLE_PAGE_SIZE"])
    return render_template(
        "console/calls.html", rows=rows, more=more, page=page, flt=flt,
        outcomes=calllog.OUTCOMES, purposes=calllog.PURPOSES, languages=calllog.LANGUAGES,
        shown_caller=calllog.masked(flt.caller) if flt.caller else "",
    )


@bp.get("/calls.csv")
def calls_csv():
    """The filtered call log as CSV, streamed row batch by row batch (numbers masked)."""
    flt = call_filter()

    def rows():
        # The session is taken inside the stream: the view's own context is torn down first.
        yield from calllog.csv_rows(reader.session, flt)

    name = f"calls-{flt.days.first.isoformat()}-{flt.days.last.isoformat()}.csv"
    return csv_response(exports.csv_chunks(calllog.CSV_HEADER, rows()), name)


@bp.get("/calls/<int:call_id>")
def call_timeline(call_id):
    """One call's steps with times, what the caller chose, and the SMS it caused."""
    found = calllog.timeline(reader.session, call_id)
    if found is None:
        abort(404, description="There is no call with that number.")
    return render_template("console/call.html", t=found, explain=wording.explain_event,
                           rating_names=service_figures.SCORE_NAMES, reason_names=service_figures.REASON_NAMES)


def csv_response(chunks, filename):
    """Stream `chunks` as a CSV download that no cache keeps."""
    return Response(
        stream_with_context(chunks), mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )
