"""Error pages in the operator's language: a title for the status, the reason, the search box again."""

from flask import render_template
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

TITLES = {
    400: _l("That request cannot be answered"),
    403: _l("Not allowed"),
    404: _l("Not found"),
    405: _l("Not allowed this way"),
    409: _l("Nothing was changed"),
    413: _l("Too large"),
    429: _l("Too many tries"),
    500: _l("Something went wrong"),
}
TEXTS = {
    400: _l("Something in the request is not right."),
    403: _l("Only a supervisor may do this."),
    404: _l("There is no such page."),
    405: _l("This page cannot be used that way."),
    409: _l("This cannot be done now; nothing was changed."),
    413: _l("What was sent is too large."),
    429: _l("Wait a few minutes and try again."),
    500: _l("Nothing was half-done; try again, and tell the system's keeper if it happens again."),
}


def error_text(exc):
    """Our own aborts carry a translated description; Werkzeug's stock English ones are replaced."""
    stock = type(exc).description
    if exc.description and exc.description != stock:
        return gettext(str(exc.description))  # a msgid (e.g. a stock English reason) gets its translation
    return str(TEXTS.get(exc.code, TITLES.get(exc.code, exc.name)))


def error_page(exc):
    code = exc.code or 500
    return render_template(
        "console/error.html",
        error=exc,
        error_text=error_text(exc),
        error_title=error_title,
    ), code


def error_title(code):
    return str(TITLES.get(code, code))
