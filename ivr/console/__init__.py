"""The operators' console at /console/: sign-in, dashboard, call log, cards and messages, CSV.

`init_console(app)` is the front door; the page modules below register their views on the
Blueprint in `blueprint.py` when imported here.
"""

from datetime import timedelta

from flask_login import current_user

from ivr.console import (  # noqa: F401  (each registers its views on the console's Blueprint)
    audit_pages,
    callbacks_pages,
    card_moves,
    language,
    live,
    messages_pages,
    operators_pages,
    outlets_pages,
    page_setup,
    pages,
    reports_pages,
    screen_pop,
    search_pages,
    signin,
    wallboard,
    worklists_pages,
)
from ivr.console.blueprint import bp
from ivr.console.front import bp as front_door
from ivr.console.i18n import init_i18n
from ivr.console.session_cookie import BrowserSessions
from ivr.softphone import access as softphone_access
from ivr.store import db
from ivr.store.report_reader import reader


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
    init_i18n(app)
    signin.login_manager.init_app(app)
    reader.init_app(app)
    app.register_blueprint(bp)
    app.register_blueprint(front_door)
    softphone_access.set_hook(signed_in_supervisor)


def signed_in_supervisor():
    """The signed-in supervisor's name, for pages outside the console (the softphone), else None."""
    user = current_user._get_current_object()
    db.session.commit()  # end the read at once: on SQLite it holds the write lock
    if not user.is_authenticated or not user.is_supervisor:
        return None
    return user.name
