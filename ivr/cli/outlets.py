"""`flask --app app import-outlets FILE.csv`: load a city's service outlets."""

import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from ivr.directory.outlets import import_csv
from ivr.store import db


class Rejected(Exception):
    """Some line was bad: roll the whole file back."""


@click.command("import-outlets")
@click.argument("csv_file", type=click.File("r", encoding="utf-8-sig"))
@with_appcontext
def import_outlets(csv_file):
    """Insert or update outlets by code from CSV: code,name,area_code,address,hours,phone (all or nothing)."""
    try:
        with db.new_session() as session:
            result = import_csv(session, csv_file, current_app.config["DEFAULT_REGION"])
            if result.rejected:
                raise Rejected
    except Rejected:
        for line, reason in result.rejected:
            click.echo(f"line {line}: rejected: {reason}", err=True)
        click.echo(f"nothing imported: {len(result.rejected)} bad line(s)", err=True)
        sys.exit(1)
    click.echo(f"{result.inserted} inserted, {result.updated} updated")
