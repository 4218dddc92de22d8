"""The daily and monthly service-level reports, any range of days, and their Excel and CSV files."""

from flask import Response, abort, current_app, render_template, request, url_for
from flask_babel import gettext as _

from ivr.console import report_files, reports
from ivr.console.blueprint import bp, now
from ivr.console.pages import day_range
from ivr.console.ranges import BadRange, last_days
from ivr.store.report_reader import reader


def bad_range():
    abort(
        400, description=_("The dates are not a range the console can show (from must be before to, at most a year).")
    )


def show(kind, days):
    report = reports.build(reader.session, days, current_app.config)
    return render_template(
        "console/report.html",
        kind=kind,
        report=report,
        days=days,
        shown=reports.shown,
        month=days.first.strftime("%Y-%m"),
        xlsx_url=url_for("console.report_xlsx", **days.query()),
        csv_url=lambda view: url_for("console.report_csv", view=view, **days.query()),
    )


@bp.get("/reports/daily")
def daily_report():
    """One local day (?day=YYYY-MM-DD, default today): the day in total and hour by hour."""
    tzname = current_app.config["IVR_TIMEZONE"]
    day = request.args.get("day", "").strip()
    try:
        days = reports.dates_range(day, day, tzname) if day else last_days(1, now(), tzname)
    except BadRange:
        bad_range()
    return show("daily", days)


@bp.get("/reports/monthly")
def monthly_report():
    """One calendar month (?month=YYYY-MM, default this month): day by day, and by operator."""
    tzname = current_app.config["IVR_TIMEZONE"]
    month = request.args.get("month", "").strip() or last_days(1, now(), tzname).first.strftime("%Y-%m")
    try:
        days = reports.month_range(month, tzname)
    except BadRange:
        bad_range()
    return show("monthly", days)


@bp.get("/reports")
def range_report():
    """Any range of days (?first=&last=, or ?range=today|7d|30d)."""
    return show("range", day_range())


@bp.get("/reports.xlsx")
def report_xlsx():
    """Every view of the report for the range as an Excel workbook, one sheet per view."""
    days = day_range()
    body = report_files.xlsx_bytes(reports.build(reader.session, days, current_app.config))
    name = f"service-levels-{days.first.isoformat()}-{days.last.isoformat()}.xlsx"
    return download(body, report_files.XLSX_TYPE, name)


def download(body, mimetype, filename):
    """A report file (a few hundred rows at most: built whole, not streamed) that no cache keeps."""
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )


@bp.get("/reports.csv")
def report_csv():
    """One view of the report for the range as CSV (?view=days|hours|months|operators|wrapups|summary)."""
    days = day_range()
    view = request.args.get("view", "days")
    if view not in reports.VIEWS:
        abort(400, description=_("That view is not one the report has."))
    (table,) = [t for t in reports.build(reader.session, days, current_app.config).tables if t.view == view]
    name = f"service-levels-{view}-{days.first.isoformat()}-{days.last.isoformat()}.csv"
    return download(report_files.csv_text(table), "text/csv", name)
