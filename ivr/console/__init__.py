"""The operators' console at /console/: sign-in, dashboard, call log, cards and messages, CSV."""

from datetime import timedelta

from flask import Blueprint, current_app, g, redirect, render_template, request, session, url_for
from werkzeug.exceptions import HTTPException, InternalServerError

from .. import clock, localtime
from ..softphone import access as softphone_access
from ..store import Operator, db
from . import csrf
from .calllog import masked

bp = Blueprint("console", __name__, url_prefix="/console", template_folder="templates",
               static_folder="static", static_url_path="/static")
OPEN_ENDPOINTS = {"console.sign_in", "console.static"}


def init_console(app):
    """Register the console and make its session cookie safe."""
    secure = app.config.get("CONSOLE_SECURE_COOKIES")
    if secure is None:
        secure = app.config["IVR_ENV"] == "production"
    app.config.update(
        SESSION_COOKIE_SECURE=bool(secure), SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=app.config["CONSOLE_SESSION_HOURS"]),
    )
    from . import callbacks_pages, pages, signin, worklists_pages  # noqa: F401  (views register on bp)
    from .reading import reader

    reader.init_app(app)
    app.register_blueprint(bp)
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
def local_time(moment, fmt="%Y-%m-%d %H:%M:%S"):
    """A stored UTC moment as the hotline's wall-clock time."""
    if moment is None:
        return ""
    return localtime.local(moment, current_app.config["IVR_TIMEZONE"]).strftime(fmt)


@bp.app_template_filter("mask")
def mask_number(number):
    """A phone number as operators may see it."""
    return masked(number)


@bp.errorhandler(HTTPException)
def http_error(exc):
    """A console page for 4xx answers: the reason in words, a way back."""
    db.session.rollback()
    return render_template("console/error.html", error=exc), exc.code


@bp.errorhandler(Exception)
def unexpected_error(exc):
    """Anything else: logged with its trace, answered with a plain 500 page, nothing half-written."""
    db.session.rollback()
    current_app.logger.exception("unhandled error on %s", request.path)
    return render_template("console/error.html", error=InternalServerError()), 500


def now():
    """The time, read through ivr.clock so tests can set it."""
    return clock.now()
