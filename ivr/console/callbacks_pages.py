"""The callback work list (claim, outcome, notes) and the live queue: who waits, who is talking."""

from datetime import timedelta

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ivr.console import accounts
from ivr.console.blueprint import bp, now
from ivr.console.calllog import masked
from ivr.console.i18n import console_language
from ivr.console.labels import choices, label
from ivr.operators import callbacks as callback_requests
from ivr.operators import queue as queueing
from ivr.store import CallbackRequest, db
from ivr.store.service_rows import operator_names

LIVE_WINDOW = timedelta(hours=12)  # a visit older than this with no end lost its last callback


def hold_minutes():
    """How long a claim holds a callback for its operator."""
    return current_app.config["CALLBACK_CLAIM_MINUTES"]


def claim_lapsed(item, moment):
    return callback_requests.claim_lapsed(item, moment, hold_minutes=hold_minutes())


def callback_row(item, moment, names):
    """A row of the work list: who holds it, whether it is overdue, the number (full only to its holder)."""
    held = not claim_lapsed(item, moment)
    mine = held and item.claimed_by == g.operator.id
    return dict(
        r=item,
        mine=mine,
        overdue=callback_requests.is_overdue(item, moment),
        # The full number only to the operator who holds the callback; everyone else sees it masked.
        phone=item.phone if mine else masked(item.phone),
        claimed_by=names.get(item.claimed_by, "") if held else "",
    )


@bp.get("/callbacks")
def callbacks():
    """Open callback requests, oldest first; overdue ones are marked."""
    moment, names = now(), operator_names(db.session)
    rows = [callback_row(item, moment, names) for item in callback_requests.work_list(db.session)]
    db.session.commit()  # end the read at once: on SQLite it holds the write lock
    return render_template(
        "console/callbacks.html", rows=rows, outcomes=choices("callback_outcome", callback_requests.OUTCOMES)
    )


@bp.post("/callbacks/<int:request_id>/claim")
def claim_callback(request_id):
    """Take a callback; refused while another operator holds it."""
    moment = now()
    try:
        callback_requests.claim(db.session, request_id, g.operator.id, now=moment, hold_minutes=hold_minutes())
    except callback_requests.ClaimRefused:
        refuse_held_elsewhere()
    reference = db.session.get(CallbackRequest, request_id).reference
    accounts.audit(db.session, g.operator.name, "callback_claim", now=moment, target=f"callback {reference}")
    db.session.commit()
    flash(_("Callback %(number)s is yours for %(minutes)s minutes.", number=reference, minutes=hold_minutes()))
    return redirect(url_for("console.callbacks") + f"#callback-{request_id}")


def refuse_held_elsewhere():
    """Nothing changes: a 409 page."""
    db.session.rollback()
    abort(409, description=_("Another operator has this callback, or it is closed."))


def outcome_form():
    """The outcome (a 400 page if it is not one we know) and the note, cut to 300 characters."""
    outcome, note = request.form.get("outcome", ""), request.form.get("note", "").strip()[:300]
    if outcome not in callback_requests.OUTCOMES:
        abort(400, description=_("Choose what came of the call."))
    return outcome, note


def claimed_callback(request_id, moment):
    """The callback, locked, if this operator's claim still holds it; else a 404 or 409 page."""
    item = callback_requests.locked(db.session, request_id)
    if item is None:
        abort(404, description=_("There is no callback with that number."))
    if claim_lapsed(item, moment):
        db.session.rollback()
        abort(409, description=_("Claim the callback before recording what came of it."))
    return item


def record_outcome(item, outcome, note, moment):
    """Record what came of the call through the operators' front door, and audit it."""
    try:
        callback_requests.record_outcome(
            db.session,
            item,
            g.operator.id,
            outcome,
            note,
            now=moment,
            max_attempts=current_app.config["CALLBACK_MAX_ATTEMPTS"],
        )
    except callback_requests.ClaimRefused:
        refuse_held_elsewhere()
    accounts.audit(
        db.session, g.operator.name, "callback_outcome", now=moment, target=f"callback {item.reference}", detail=outcome
    )


@bp.post("/callbacks/<int:request_id>/outcome")
def callback_outcome(request_id):
    """What came of the call: reached, no answer (tried again later), wrong number, done; and a note."""
    outcome, note = outcome_form()
    moment = now()
    item = claimed_callback(request_id, moment)
    record_outcome(item, outcome, note, moment)
    db.session.commit()
    flash(_("Callback %(number)s: %(outcome)s.", number=item.reference, outcome=label("callback_outcome", outcome)))
    return redirect(url_for("console.callbacks"))


def queue_row(session, visit, moment, names):
    """A caller in the queue: masked number, waiting or connected, for how long, what the operator was told."""
    call = queueing.visit_call(session, visit)
    return dict(
        visit=visit,
        call=call,
        caller=masked(call.from_number),
        state="connected" if visit.bridged_at else "waiting",
        waited=int(((visit.bridged_at or moment) - visit.enqueued_at).total_seconds()),
        summary=queueing.summary(session, call, visit.came_from, console_language()),
        operator=names.get(visit.operator_id or visit.offered_operator_id, ""),
    )


@bp.get("/queue")
def queue():
    """Callers waiting for an operator and those talking to one, with what the operator was told."""
    session, moment = db.session, now()
    names = operator_names(session)
    visits = queueing.open_visits(session, since=moment - LIVE_WINDOW)
    rows = [queue_row(session, visit, moment, names) for visit in visits]
    session.commit()
    return render_template(
        "console/queue.html",
        rows=rows,
        open_callbacks=len(callback_requests.work_list(session)),
        several_queues=len({row["visit"].queue_name for row in rows}) > 1,
    )
