"""The search page: find a caller or a card by any key an operator has at hand (issue 12).

Searches are POSTed and their results rendered at once: the typed value never reaches a URL, a
log or the page after (the field comes back empty). A reference found links on to its card.
"""

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ivr.calendar import localtime
from ivr.console import finding, search_tokens
from ivr.console.blueprint import bp, now
from ivr.console.ranges import BadRange, from_args, last_days
from ivr.console.worklists import card_for_reference
from ivr.store import references
from ivr.store.report_reader import reader

KEY_NAMES = {
    "reference": _l("Reference (pre-loss report or callback)"),
    "card": _l("Card number"),
    "id_number": _l("Full ID number"),
    "name": _l("Name"),
    "mobile": _l("Registered mobile (full)"),
    "mobile4": _l("Registered mobile, last four"),
    "caller": _l("Caller number (full)"),
    "caller4": _l("Caller number, last four"),
}
PROBLEMS = {
    "empty": _l("Type what to search for."),
    "unknown_key": _l("Choose what to search by."),
    "reference_format": _l("A reference is 8 digits (a pre-loss report) or 7 (a callback request)."),
    "card_format": _l("A card number is 4 to 20 letters or digits."),
    "id_number_format": _l("That is not a valid ID number (18 characters, the last may be X)."),
    "name_format": _l("A name is at most 100 characters."),
    "phone_format": _l("That is not a phone number."),
    "last4_format": _l("Type the last four digits only."),
}
NOT_FOUND = {
    "reference": _l("No pre-loss report or callback request has the reference %(value)s."),
    "card": _l("No card has that number."),
    "id_number": _l("No cardholder has that ID number."),
    "name": _l("No cardholder has that name."),
    "mobile": _l("No cardholder has that registered mobile."),
    "mobile4": _l("No cardholder with a mobile ending %(value)s called, reported or had a card moved in those days."),
    "caller": _l("No calls from that number in those days."),
    "caller4": _l("No calls from a number ending %(value)s in those days."),
}
SAFE_TO_SHOW = ("reference", "mobile4", "caller4")  # values that may be echoed in a message


@bp.app_template_global()
def search_keys():
    return [(code, str(name)) for code, name in KEY_NAMES.items()]


def search_range():
    try:
        return from_args(request.form, now(), current_app.config["IVR_TIMEZONE"], default="30d")
    except BadRange:
        return last_days(30, now(), current_app.config["IVR_TIMEZONE"])


@bp.route("/search", methods=["GET", "POST"])
def search():
    """GET: the empty form. POST: one search, its results, and the form again (cleared)."""
    days = search_range()
    if request.method == "GET":
        return render_template("console/search.html", search_days=days, found=None)
    key, value = request.form.get("key", ""), request.form.get("value", "")
    today = localtime.local(now(), current_app.config["IVR_TIMEZONE"]).date()
    try:
        found = finding.search(reader.session, key, value, days=days, config=current_app.config, today=today)
    except finding.BadSearch as exc:
        return problem_page(days, key, exc)
    elsewhere = page_of(found)
    if elsewhere is not None:
        return redirect(elsewhere, code=303)
    return results_page(days, key, value, found)


def problem_page(days, key, exc):
    """The form again (400), saying what is wrong with the search."""
    problem = str(PROBLEMS.get(exc.code, exc.code))
    return render_template("console/search.html", search_days=days, search_key=key, found=None, problem=problem), 400


def page_of(found):
    """Where a card or a callback that was found is seen whole, or None for a list of results."""
    if found.card_id is not None:
        return url_for("console.card_page", card_id=found.card_id)
    if found.callback is not None:
        return callback_page(found.callback)
    return None


def results_page(days, key, value, found):
    """What was found (or that nothing was: 404 for a reference or card), the form cleared."""
    shown = value.strip() if key in SAFE_TO_SHOW else ""
    calls_link = None
    if key == "caller" and found.calls:
        token = search_tokens.remember({"caller": finding.e164(value, current_app.config)})
        calls_link = url_for("console.call_log", q=token, **days.query())
    status = 404 if found.nothing and key in ("reference", "card") else 200
    return render_template(
        "console/search.html",
        search_days=days,
        search_key=key,
        found=found,
        calls_link=calls_link,
        not_found=str(NOT_FOUND[key]) % {"value": shown},
    ), status


def callback_page(callback):
    """Where a callback request is seen whole: the call it was asked on (its timeline, its status),
    else its row in the work list."""
    if callback.call_id is not None:
        return url_for("console.call_timeline", call_id=callback.call_id) + f"#callback-{callback.id}"
    return url_for("console.callbacks") + f"#callback-{callback.id}"


@bp.get("/references/<reference>")
def reference_page(reference):
    """A pre-loss reference, wherever it is shown, links here: on to its card, or a page saying
    that no report has it, with the search box again."""
    if not references.PRELOSS.pattern.match(reference):
        abort(404)  # not a reference: nothing of it is echoed (it may be an ID number)
    card_id = card_for_reference(reader.session, reference)
    if card_id is None:
        return render_template(
            "console/search.html",
            search_days=search_range(),
            search_key="reference",
            found=finding.Found(nothing=True),
            not_found=_("No pre-loss report has the reference %(value)s.", value=reference[:20]),
        ), 404
    return redirect(url_for("console.card_page", card_id=card_id))
