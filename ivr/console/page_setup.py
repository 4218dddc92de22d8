"""What every console page shares: template filters (times, labels, masked numbers) and error pages."""

from flask import current_app, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import Forbidden, HTTPException, InternalServerError

from ivr.console import calllog, i18n, labels
from ivr.console.blueprint import bp
from ivr.console.errors import error_page
from ivr.store import db


@bp.app_template_filter("local")
def local_time(moment, kind="datetime"):
    """A stored UTC moment as the hotline's wall-clock time, in the operator's language's usual form."""
    return i18n.local_moment(moment, kind)


@bp.app_template_filter("day")
def local_day(day):
    """A calendar date in the operator's language's usual form."""
    return i18n.local_day(day)


@bp.app_template_filter("label")
def code_label(code, domain):
    """A code (outcome, step, card state, SMS kind, ...) as words in the operator's language."""
    return labels.label(domain, code)


@bp.app_template_global()
def label_names(*domains):
    """{domain: {code: words}} in the operator's language, for a page's script (the softphone's SMS list)."""
    return labels.names(*domains)


@bp.app_template_filter("came_from")
def came_from_words(code):
    """Where a caller asked for a person ("purpose:outcome") as words."""
    return labels.came_from(code)


@bp.app_template_filter("mask")
def mask_number(number):
    """A phone number as operators may see it."""
    return calllog.masked(number)


@bp.errorhandler(CSRFError)
def csrf_refused(exc):
    """A form without this session's token: refused as forbidden, with a way forward."""
    db.session.rollback()
    return error_page(
        Forbidden(_("The form was missing its security token or it had expired. Reload the page and try again."))
    )


@bp.errorhandler(HTTPException)
def http_error(exc):
    """A console page for 4xx answers: the reason in words (the operator's language), a way back."""
    db.session.rollback()
    return error_page(exc)


@bp.errorhandler(Exception)
def unexpected_error(exc):
    """Anything else: logged with its trace, answered with a plain 500 page, nothing half-written."""
    db.session.rollback()
    current_app.logger.exception("unhandled error on %s", request.path)
    return error_page(InternalServerError())


@bp.app_template_global()
def console_language():
    """zh or en: the language this page is in."""
    return i18n.console_language()
