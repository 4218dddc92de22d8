"""The operators' console at /console/: sign-in, dashboard, call log, cards and messages, CSV."""

from datetime import timedelta

from flask import Blueprint, current_app, g, redirect, render_template, request, session, url_for
from werkzeug.exceptions import HTTPException, InternalServerError

from .. import clock
from ..softphone import access as softphone_access
from ..store import Operator, db
from . import csrf
from .calllog import masked

bp = Blueprint("console", __name__, url_prefix="/console", template_folder="templates",
               static_folder="static", static_url_path="/static")
OPEN_ENDPOINTS = {"console.sign_in", "console.static", "console.choose_language"}


def init_console(app):
    """Register the console and make its session cookie safe."""
    secure = app.config.get("CONSOLE_SECURE_COOKIES")
    if secure is None:
        secure = app.config["IVR_ENV"] == "production"
    app.config.update(
        SESSION_COOKIE_SECURE=bool(secure), SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=app.config["CONSOLE_SESSION_HOURS"]),
    )
    from . import (  # noqa: F401  (views register on bp)
        audit_pages, card_moves, language, live, messages_pages, pages, search_pages, signin, worklists_pages,
    )
    from .i18n import init_i18n
    from .reading import reader

    init_i18n(app)
    reader.init_app(app)
    app.register_blueprint(bp)
    from .front import bp as front_door

    app.register_blueprint(front_door)
    softphone_access.set_hook(signed_in_supervisor)


def signed_in_supervisor():
    """The signed-in supervisor's name, for pages outside the console (the softphone), else None."""
    operator_id = session.get("operator_id")
    if operator_id is None:
        return None
    operator = db.session.get(Operator, operator_id)
    db.session.commit()  # end the read at once: on SQLite it holds the write lock
    if operator is None or not operator.active or operator.role != "supervisor":
        return None
    return operator.name


@bp.before_request
def guard():
    """CSRF first, then: every page but sign-in needs a signed-in, still active operator."""
    csrf.check()
    g.operator = None
    operator_id = session.get("operator_id")
    if operator_id is not None:
        operator = db.session.get(Operator, operator_id)
        if operator is not None and operator.active:
            g.operator = operator
        db.session.commit()  # end the read at once: on SQLite it holds the write lock
    if g.operator is None and request.endpoint not in OPEN_ENDPOINTS:
        session.pop("operator_id", None)
        return redirect(url_for("console.sign_in", next=request.full_path if request.method == "GET" else None))
    return None


@bp.app_template_global()
def csrf_token():
    """This session's CSRF token, for every form a template writes."""
    return csrf.token()


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


@bp.app_template_filter("mask")
def mask_number(number):
    """A phone number as operators may see it."""
    return masked(number)


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
