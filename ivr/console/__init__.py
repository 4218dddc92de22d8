"""The operators' console at /console/: sign-in, dashboard, call log, cards and messages, CSV."""

from datetime import timedelta

from flask import Blueprint, current_app, g, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import Forbidden, HTTPException, InternalServerError

from .. import clock
from ..softphone import access as softphone_access
from ..store import db
from .calllog import masked
from .session_cookie import BrowserSessions

bp = Blueprint(
    "console",
    __name__,
    url_prefix="/console",
    template_folder="templates",
    static_folder="static",
    static_url_path="/static",
)
OPEN_ENDPOINTS = {"console.sign_in", "console.static", "console.choose_language"}


def init_console(app):
    """Register the console, its sign-in sessions (Flask-Login) and a safe session cookie."""
    secure = app.config.get("CONSOLE_SECURE_COOKIES")
    if secure is None:
        secure = app.config["IVR_ENV"] == "production"
    app.config.update(
        SESSION_COOKIE_SECURE=bool(secure),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=app.config["CONSOLE_SESSION_HOURS"]),
    )
    app.session_interface = BrowserSessions()
    from . import (  # noqa: F401  (views register on bp)
        audit_pages,
        callbacks_pages,
        card_moves,
        language,
        live,
        messages_pages,
        operators_pages,
        pages,
        search_pages,
        signin,
        worklists_pages,
    )
    from .i18n import init_i18n
    from .reading import reader

    init_i18n(app)
    signin.login_manager.init_app(app)
    reader.init_app(app)
    app.register_blueprint(bp)
    from .front import bp as front_door

    app.register_blueprint(front_door)
    softphone_access.set_hook(signed_in_supervisor)


def signed_in_supervisor():
    """The signed-in supervisor's name, for pages outside the console (the softphone), else None."""
    user = current_user._get_current_object()
    db.session.commit()  # end the read at once: on SQLite it holds the write lock
    if not user.is_authenticated or not user.is_supervisor:
        return None
    return user.name


@bp.before_request
def guard():
    """Every page but sign-in needs a signed-in, still active operator whose session is current."""
    from .signin import require_sign_in

    return require_sign_in()


@bp.app_template_filter("local")
def local_time(moment, kind="datetime"):
    """A stored UTC moment as the hotline's wall-clock time, in the operator's language's usual form."""
    from .i18n import local_moment

    return local_moment(moment, kind)


@bp.app_template_filter("day")
def local_day(day):
    """A calendar date in the operator's language's usual form."""
    from .i18n import local_day as written

    return written(day)


@bp.app_template_filter("label")
def code_label(code, domain):
    """A code (outcome, step, card state, SMS kind, ...) as words in the operator's language."""
    from .labels import label

    return label(domain, code)


@bp.app_template_filter("came_from")
def came_from_words(code):
    """Where a caller asked for a person ("purpose:outcome") as words."""
    from .labels import came_from

    return came_from(code)


@bp.app_template_filter("mask")
def mask_number(number):
    """A phone number as operators may see it."""
    return masked(number)


@bp.errorhandler(CSRFError)
def csrf_refused(exc):
    """A form without this session's token: refused as forbidden, with a way forward."""
    from flask_babel import gettext as _

    from .errors import error_page

    db.session.rollback()
    return error_page(
        Forbidden(_("The form was missing its security token or it had expired. Reload the page and try again."))
    )


@bp.errorhandler(HTTPException)
def http_error(exc):
    """A console page for 4xx answers: the reason in words (the operator's language), a way back."""
    from .errors import error_page

    db.session.rollback()
    return error_page(exc)


@bp.errorhandler(Exception)
def unexpected_error(exc):
    """Anything else: logged with its trace, answered with a plain 500 page, nothing half-written."""
    from .errors import error_page

    db.session.rollback()
    current_app.logger.exception("unhandled error on %s", request.path)
    return error_page(InternalServerError())


@bp.app_template_global()
def console_language():
    """zh or en: the language this page is in."""
    from .i18n import console_language as chosen

    return chosen()


def now():
    """The time, read through ivr.clock so tests can set it."""
    return clock.now()


def operator():
    """The signed-in operator (views run only after guard() let the request in)."""
    return g.operator
