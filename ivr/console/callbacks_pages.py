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


def claim_lapsed(item, moment):
    if item.claimed_by is None or item.claimed_at is None:
        return True
    return item.claimed_at < moment - timedelta(minutes=current_app.config["CALLBACK_CLAIM_MINUTES"])


@bp.get("/callbacks")
def callbacks():
    """Open callback requests, oldest first; overdue ones are marked."""
    moment = now()
    names = operator_names(db.session)
    rows = []
    for item in callback_requests.work_list(db.session):
        held = not claim_lapsed(item, moment)
        mine = held and item.claimed_by == g.operator.id
        rows.append(
            dict(
                r=item,
                mine=mine,
                overdue=callback_requests.is_overdue(item, moment),
                # The full number only to the operator who holds the callback; everyone else sees it masked.
                phone=item.phone if mine else masked(item.phone),
                claimed_by=names.get(item.claimed_by, "") if held else "",
            )
        )
    db.session.commit()  # end the read at once: on SQLite it holds the write lock
    return render_template(
        "console/callbacks.html", rows=rows, outcomes=choices("callback_outcome", callback_requests.OUTCOMES)
    )


@bp.post("/callbacks/<int:request_id>/claim")
def claim_callback(request_id):
    """Take a callback; refused while another operator holds it."""
    moment = now()
    try:
        callback_requests.claim(
            db.session, request_id, g.operator.id, now=moment, hold_minutes=current_app.config["CALLBACK_CLAIM_MINUTES"]
        )
    except callback_requests.ClaimRefused:
        db.session.rollback()
        abort(409, description=_("Another operator has this callback, or it is closed."))
    reference = db.session.get(CallbackRequest, request_id).reference
    accounts.audit(db.session, g.operator.name, "callback_claim", now=moment, target=f"callback {reference}")
    db.session.commit()
    flash(
        _(
            "Callback %(number)s is yours for %(minutes)s minutes.",
            number=reference,
            minutes=current_app.config["CALLBACK_CLAIM_MINUTES"],
        )
    )
    return redirect(url_for("console.callbacks") + f"#callback-{request_id}")


@bp.post("/callbacks/<int:request_id>/outcome")
def callback_outcome(request_id):
    """What came of the call: reached, no answer (tried again later), wrong number, done; and a note."""
    outcome, note = request.form.get("outcome", ""), request.form.get("note", "").strip()[:300]
    if outcome not in callback_requests.OUTCOMES:
        abort(400, description=_("Choose what came of the call."))
    moment = now()
    item = callback_requests.locked(db.session, request_id)
    if item is None:
        abort(404, description=_("There is no callback with that number."))
    if claim_lapsed(item, moment):
        db.session.rollback()
        abort(409, description=_("Claim the callback before recording what came of it."))
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
        db.session.rollback()
        abort(409, description=_("Another operator has this callback, or it is closed."))
    accounts.audit(
        db.session, g.operator.name, "callback_outcome", now=moment, target=f"callback {item.reference}", detail=outcome
    )
    db.session.commit()
    flash(_("Callback %(number)s: %(outcome)s.", number=item.reference, outcome=label("callback_outcome", outcome)))
    return redirect(url_for("console.callbacks"))


@bp.get("/queue")
def queue():
    """Callers waiting for an operator and those talking to one, with what the operator was told."""
    moment = now()
    session = db.session
    names = operator_names(session)
    rows = []
    for visit in queueing.open_visits(session, since=moment - LIVE_WINDOW):
        call = queueing.visit_call(session, visit)
        rows.append(
            dict(
                visit=visit,
                call=call,
                caller=masked(call.from_number),
                state="connected" if visit.bridged_at else "waiting",
                waited=int(((visit.bridged_at or moment) - visit.enqueued_at).total_seconds()),
                summary=queueing.summary(session, call, visit.came_from, console_language()),
                operator=names.get(visit.operator_id or visit.offered_operator_id, ""),
            )
        )
    session.commit()
    return render_template(
        "console/queue.html",
        rows=rows,
        open_callbacks=len(callback_requests.work_list(session)),
        several_queues=len({row["visit"].queue_name for row in rows}) > 1,
    )
