"""Mainland SMS templates from the command line: `flask --app app sms check-templates`, `sms draft-templates`."""

import sys

import click
from flask import current_app
from flask.cli import AppGroup

from ivr.directory import outlets
from ivr.messaging import fallback_forms, template_rules, templates
from ivr.messaging.gateways import PROVIDER_GATEWAYS, template_book
from ivr.messaging.kinds import KINDS
from ivr.messaging.outlet_list import sms_line
from ivr.messaging.texts import outlet_facts
from ivr.platform.config import ConfigError
from ivr.prompts import hotline_name
from ivr.store import db

sms_cli = AppGroup("sms", help="Mainland SMS providers' approved templates.")


@sms_cli.command("check-templates")
def check_templates():
    """Check SMS_TEMPLATES_FILE: every kind in every language, word for word as the catalogue says it."""
    config = current_app.config
    if config["SMS_BACKEND"] not in PROVIDER_GATEWAYS:
        click.echo(f"SMS_BACKEND={config['SMS_BACKEND']} sends the catalogue's words as they are: no templates")
        return
    try:
        book = template_book(config)
    except ConfigError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    click.echo(f"{len(book.templates)} templates under 【{book.sign_name}】 send every kind exactly as the catalogue")
    with db.new_session() as session:
        plainer, refused = directory_problems(book, session)
    if plainer:
        click.echo("These outlets' SMS go in a plainer approved form, without them:\n  " + "\n  ".join(plainer))
    if refused:
        click.echo("The provider's variable rules refuse these outlets' SMS:\n  " + "\n  ".join(refused), err=True)
        sys.exit(1)


def directory_problems(book, session):
    """Outlets whose name, address or hours (alone: an outlet list is longer) a template cannot carry:
    those whose SMS take a plainer form (ivr/messaging/fallback_forms.py), and those refused outright."""
    plainer, refused = [], []
    for outlet in outlets.every_outlet(session):
        for (key, language), template in sorted(book.templates.items()):
            values = {**outlet_facts(outlet, language), "outlets": sms_line(outlet, language)}
            reason = template_rules.broken(book, template, values, names=values)
            if not reason:
                continue
            kind = next(spec for spec in KINDS.values() if key in spec.keys)
            instead = fallback_forms.plainest_in(book, kind, key, language, values, names=values)
            where = f"outlet {outlet.code} ({key}, {language}): {reason}"
            if instead == key or fallback_forms.refused(book, instead, language, values, names=values):
                refused.append(where)
            else:
                plainer.append(f"{where}; sent as {instead}")
    return plainer, refused


@sms_cli.command("draft-templates")
@click.option("--provider", type=click.Choice(sorted(PROVIDER_GATEWAYS)), required=True)
@click.option("--sign-name", default=None, help="The approved sign; default: the hotline's name in Chinese.")
def draft_templates(provider, sign_name):
    """Print a templates file to register: each text as the check wants it, the codes left empty."""
    config = current_app.config
    click.echo(templates.draft(provider, sign_name or hotline_name("zh", config), config))
