"""The language switch in the console's header: remembered on the operator's account."""

from flask import g, redirect, request, session, url_for

from ivr.console.blueprint import bp
from ivr.console.i18n import LANGUAGES
from ivr.console.signin import safe_next
from ivr.identity import idnumbers
from ivr.store import db

# Query arguments a page may be returned to with after the switch: none of them personal.
PLAIN_ARGS = {
    "first",
    "last",
    "range",
    "outcome",
    "language",
    "purpose",
    "reference",
    "page",
    "q",
    "kind",
    "state",
    "action",
    "channel",
}


@bp.app_template_global()
def language_next():
    """Where the switch returns to: this page, with its query only when nothing in it is personal."""
    if request.method != "GET" or idnumbers.looks_personal(request.path):
        return ""
    if request.args and not set(request.args) <= PLAIN_ARGS or idnumbers.looks_personal(request.query_string.decode()):
        return request.path
    return request.full_path if request.args else request.path


@bp.post("/language")
def choose_language():
    """Switch the console to zh or en; a signed-in operator keeps the choice on their account."""
    chosen = request.form.get("language", "")
    if chosen in LANGUAGES:
        session["language"] = chosen
        if g.operator is not None:
            g.operator.language = chosen
            db.session.commit()
    wanted = request.form.get("next", "")
    if wanted == "/":
        return redirect(url_for("front.front_door"))
    return redirect(safe_next(wanted) if g.operator else url_for("console.sign_in"))
