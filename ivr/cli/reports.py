"""`flask --app app report --from D --to D --format xlsx|csv --out FILE`: the console's service-level
report as a file, for a scheduled job (the same workbook the console's download gives)."""

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import force_locale

from ivr.console import report_files, reports
from ivr.console.ranges import BadRange
from ivr.store import db


@click.command("report")
@click.option("--from", "first", required=True, help="First local day, YYYY-MM-DD.")
@click.option("--to", "last", required=True, help="Last local day, YYYY-MM-DD (included).")
@click.option("--format", "kind", type=click.Choice(["xlsx", "csv"]), default="xlsx", show_default=True)
@click.option("--view", type=click.Choice(list(reports.VIEWS)), default="days", show_default=True, help="CSV only.")
@click.option("--language", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--out", required=True, type=click.Path(dir_okay=False, writable=True), help="The file to write.")
@with_appcontext
def report(first, last, kind, view, language, out):
    """Write the service-level report for the days FROM..TO (in IVR_TIMEZONE) to OUT."""
    try:
        days = reports.dates_range(first, last, current_app.config["IVR_TIMEZONE"])
    except BadRange as exc:
        click.echo(f"no report: {exc}", err=True)
        sys.exit(2)
    with db.new_session() as session, force_locale(language):
        built = reports.build(session, days, current_app.config)
        if kind == "xlsx":
            Path(out).write_bytes(report_files.xlsx_bytes(built))
        else:
            (table,) = [t for t in built.tables if t.view == view]
            Path(out).write_text(report_files.csv_text(table), encoding="utf-8")
    click.echo(f"wrote {out}: {days.first.isoformat()} to {days.last.isoformat()}")
