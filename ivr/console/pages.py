"""Dashboard, call log and a call's timeline, with their CSV exports."""

from flask import Response, abort, current_app, redirect, render_template, request, stream_with_context, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ivr.console import call_filters, calllog, exports, figures, search_tokens, service_figures, wording
from ivr.console.blueprint import bp, now
from ivr.console.figure_names import FIGURES
from ivr.console.labels import LABELS, choices, label, names
from ivr.console.ranges import BadRange, from_args
from ivr.store import references
from ivr.store.call_log import call_id_for_sid
from ivr.store.report_reader import reader

# What a wrong call-log filter is told, by BadFilter's code.
FILTER_ERRORS = {
    "outcome": _l("That outcome is not one the call log knows."),
    "language": _l("That language is not one the call log knows."),
    "purpose": _l("That menu choice is not one the call log knows."),
    "caller": _l("The caller number is not a phone number."),
    "caller_in_url": _l("A caller number is never put in a link; use the call log's form."),
    "search_expired": _l("That search is no longer kept; search again."),
    "reference": _l("A reference is 8 digits (a pre-loss report) or 7 (a callback request)."),
}


def day_range(default="7d"):
    """The range the request asks for, or a 400 page that says what is wrong with it."""
    try:
        return from_args(request.args, now(), current_app.config["IVR_TIMEZONE"], default=default)
    except BadRange:
        abort(
            400,
            description=_("The dates are not a range the console can show (from must be before to, at most a year)."),
        )


def page_number(args):
    """The page asked for, from 1; anything else is the first page."""
    page = args.get("page", "1")
    return int(page) if page.isdigit() and 0 < int(page) < 100000 else 1


def call_filter():
    """The call-log filters the request asks for, or a 400 page that names the wrong one."""
    try:
        return call_filters.parse_filter(
            request.args, day_range(), current_app.config["DEFAULT_REGION"], recall=search_tokens.recall
        )
    except call_filters.BadFilter as exc:
        abort(400, description=str(FILTER_ERRORS.get(str(exc), exc)))


@bp.get("/")
def dashboard():
    """The figures and charts for a range of days."""
    days = day_range()
    fig = figures.compute(reader.session, days)
    service = service_figures.compute(reader.session, days, now())
    return render_template(
        "console/dashboard.html",
        fig=fig,
        days=days,
        preset=request.args.get("range", ""),
        service=service,
        score_names=LABELS["rating_score"],
        reason_names=LABELS["rating_reason"],
        csv_url=url_for("console.figures_csv", **days.query()),
    )


@bp.get("/figures.csv")
def figures_csv():
    """The dashboard's figures for the range: figure code, what it is, value."""
    days = day_range()
    fig = figures.compute(reader.session, days)
    service = service_figures.compute(reader.session, days, now())
    name = f"figures-{days.first.isoformat()}-{days.last.isoformat()}.csv"
    rows = ((code, figure_label(code), value) for code, value in fig.flat() + service.flat())
    return csv_response(exports.csv_chunks((_("Figure"), _("What it counts"), _("Value")), rows), name)


def figure_label(code):
    """A figure's code as words: `outcome:report_filed` -> "Outcome: Report filed"."""
    group, _sep, key = code.partition(":")
    if not key:
        return str(FIGURES.get(code, code))
    if group == "outcome":
        return _("Outcome: %(what)s", what=label("outcome", key) if key != "in_progress" else _("in progress"))
    if group == "abandoned_at":
        return _("Caller hung up at: %(what)s", what=label("step", key))
    if group == "funnel":
        return _("Report flow: %(what)s", what=dict((k, str(v)) for k, v in figures.FUNNEL).get(key, key))
    if group == "hour":
        return _("Calls starting %(hour)s:00–%(hour)s:59", hour=key)
    return _("Calls on %(day)s", day=key)


@bp.get("/calls")
def call_log():
    """Calls in a range, filtered, newest first, one page at a time."""
    flt = call_filter()
    page = page_number(request.args)
    rows, more = calllog.list_calls(reader.session, flt, page=page, page_size=current_app.config["CONSOLE_PAGE_SIZE"])
    return render_template(
        "console/calls.html",
        rows=rows,
        more=more,
        page=page,
        flt=flt,
        outcomes=choices("outcome", calllog.OUTCOMES),
        purposes=choices("purpose", calllog.PURPOSES),
        languages=choices("language", calllog.LANGUAGES),
        shown_caller=calllog.masked(flt.caller) if flt.caller else "",
    )


def call_log_args(form):
    """The form's plain filters; a reference that is not one is refused (400), never carried on."""
    args = {
        k: v for k, v in form.items() if k in ("first", "last", "outcome", "language", "purpose", "reference") and v
    }
    if args.get("reference") and references.kind_of(args["reference"].strip()) is None:
        # Never carried on into a URL: an ID number typed here must not reach the next page's address.
        abort(400, description=str(FILTER_ERRORS["reference"]))
    return args


def caller_token(caller):
    """A search token for the caller number (a 400 page if it is not a phone number)."""
    try:
        parsed = call_filters.parse_caller(caller, current_app.config["DEFAULT_REGION"])
    except call_filters.BadFilter:
        abort(400, description=str(FILTER_ERRORS["caller"]))
    return search_tokens.remember({"caller": parsed})


@bp.post("/calls")
def call_log_search():
    """The call-log form, POSTed: a caller number becomes a token, the rest stays plain query."""
    args = call_log_args(request.form)
    caller = request.form.get("caller", "").strip()
    if caller:
        args["q"] = caller_token(caller)
    return redirect(url_for("console.call_log", **args), code=303)


@bp.get("/calls.csv")
def calls_csv():
    """The filtered call log as CSV, streamed row batch by row batch (numbers masked)."""
    flt = call_filter()
    labels = names("language", "purpose", "outcome", "step", "rating_score", "rating_reason")

    def rows():
        # The session is taken inside the stream: the view's own context is torn down first.
        yield from calllog.csv_rows(reader.session, flt, names=labels)

    name = f"calls-{flt.days.first.isoformat()}-{flt.days.last.isoformat()}.csv"
    return csv_response(exports.csv_chunks([str(h) for h in calllog.CSV_HEADER], rows()), name)


@bp.get("/calls/<int:call_id>")
def call_timeline(call_id):
    """One call's steps with times, what the caller chose, and the SMS it caused."""
    found = calllog.timeline(reader.session, call_id)
    if found is None:
        abort(404, description=_("There is no call with that number."))
    return render_template(
        "console/call.html",
        t=found,
        explain=wording.explain_event,
        rating_names=LABELS["rating_score"],
        reason_names=LABELS["rating_reason"],
    )


@bp.get("/calls/sid/<call_sid>")
def call_by_sid(call_sid):
    """A CallSid, wherever it is shown, links here: on to that call's timeline."""
    call_id = call_id_for_sid(reader.session, call_sid[:64])
    if call_id is None:
        abort(404, description=_("No call has the CallSid %(sid)s.", sid=call_sid[:64]))
    return redirect(url_for("console.call_timeline", call_id=call_id))


def csv_response(chunks, filename):
    """Stream `chunks` as a CSV download that no cache keeps."""
    return Response(
        stream_with_context(chunks),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )
