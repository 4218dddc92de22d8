"""Screen pop and wrap-up on the operator's console.

Every console page asks /console/my-caller every few seconds (screen_pop.js): while the operator
is talking to a caller they took on the operator line, a banner offers that caller's call page and
earlier calls; once the conversation ends it asks for the wrap-up (a code and a short note).
"""

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ivr.console import call_filters, calllog, search_tokens
from ivr.console.blueprint import bp, now
from ivr.console.i18n import console_language
from ivr.console.labels import choices
from ivr.operators import queue as queueing
from ivr.operators import wrapup
from ivr.store import db
from ivr.voice import calls


def earlier_calls_link(call):
    """The call log of the last 30 days for this caller, by a search token (no number in the URL)."""
    try:
        caller = call_filters.parse_caller(call.from_number, current_app.config["DEFAULT_REGION"])
    except call_filters.BadFilter:
        return None
    return url_for("console.call_log", range="30d", q=search_tokens.remember({"caller": caller}))


def screen_pop(session, visit):
    """What the banner shows of a conversation: the call, the masked caller, what they did, earlier calls."""
    call = queueing.visit_call(session, visit)
    return dict(
        visit=visit,
        call=call,
        caller=calllog.masked(call.from_number),
        summary=queueing.summary(session, call, visit.came_from, console_language()),
        talking=visit.left_at is None,
        earlier=earlier_calls_link(call),
    )


@bp.get("/my-caller")
def my_caller():
    """The banner: the caller this operator is talking to (or has just finished with), or nothing."""
    session = db.session
    visit = wrapup.taken_by(session, g.operator.id, now=now())
    pop = screen_pop(session, visit) if visit is not None else None
    session.commit()  # end the read at once: on SQLite it holds the write lock
    codes = wrapup.codes(current_app.config)
    return render_template("console/_screen_pop.html", pop=pop, codes=choices_for(codes))


def choices_for(codes):
    known = dict(choices("wrapup_code"))
    return [(code, known.get(code, code)) for code in codes]


@bp.post("/my-caller/<int:visit_id>/wrapup")
def record_wrapup(visit_id):
    """The operator's wrap-up of a conversation: one of WRAPUP_CODES and a short note."""
    code, note = request.form.get("code", ""), request.form.get("note", "")
    try:
        visit = wrapup.record(db.session, visit_id, g.operator.id, code, note, current_app.config, now=now())
    except wrapup.WrapupRefused:
        db.session.rollback()
        abort(
            409,
            description=_("That conversation is not yours to wrap up, is already wrapped up, or the code is unknown."),
        )
    call_id = visit.call_id
    calls.commit(db.session)  # with the call's "wrapup_recorded" event (ivr/voice/calls.py)
    flash(_("Wrap-up recorded."))
    return redirect(url_for("console.call_timeline", call_id=call_id))
