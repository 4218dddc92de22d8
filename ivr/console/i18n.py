"""The console's language: Flask-Babel with gettext catalogues, Mandarin first, English second.

The operator's choice is kept on their account (operators.language); before sign-in it is kept in
the session. Dates and times are formatted by Babel in the operator's language and the hotline's
time zone (IVR_TIMEZONE), so a Chinese supervisor reads 2026年12月1日 and an English one Dec 1, 2026.
"""

import os

from flask import current_app, g, session
from flask_babel import Babel, format_date, format_datetime, format_time

from ivr.calendar import localtime

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
TRANSLATIONS = os.path.join(os.path.dirname(__file__), "translations")
babel = Babel()


def init_i18n(app):
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = TRANSLATIONS
    app.config["BABEL_DEFAULT_TIMEZONE"] = app.config["IVR_TIMEZONE"]
    babel.init_app(app, locale_selector=console_language)


def console_language():
    """The signed-in operator's language, else the one chosen before sign-in, else Mandarin."""
    operator = g.get("operator")
    chosen = getattr(operator, "language", None) or session.get("language")
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def local_moment(moment, kind="datetime"):
    """A stored UTC moment in the hotline's time zone, written as the operator's language writes it
    (kind: "datetime", "date" or "time")."""
    if moment is None:
        return ""
    if kind == "date":
        return format_date(_local(moment).date(), "medium")
    if kind == "time":
        return format_time(moment, "medium")
    return format_datetime(moment, "medium")


def local_day(day):
    """A calendar date (no time of day) in the operator's language."""
    return format_date(day, "medium") if day else ""


def _local(moment):
    return localtime.local(moment, current_app.config["IVR_TIMEZONE"])
