"""Cards and messages pages, the supervisor's forms (card moves, SMS retry) and the audit log."""

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for

from .. import collection, lifecycle
from ..cards import BadMove
from ..sms import outbox
from ..store import Card, db
from . import accounts, bp, now, worklists
from .calllog import REFERENCE
from .signin import supervisor_only


@bp.get("/cards")
def work_lists():
    """Reports waiting for a formal report, cards waiting to be collected, failed SMS."""
    reference = request.args.get("reference", "").strip()
    if reference:
        card_id = worklists.card_for_reference(db.session, reference) if REFERENCE.match(reference) else None
        if card_id is None:
            abort(404, description="No pre-loss report has that reference number.")
        return redirect(url_for("console.card_page", card_id=card_id))
    moment = now()
    return render_template(
        "console/cards.html", reports=worklists.waiting_reports(db.session, moment),
        ready=worklists.uncollected_cards(
            db.session, moment, overdue_cutoff=collection.overdue_cutoff(moment, current_app.config)),
        failed=worklists.failed_messages(db.session),
    )


@bp.get("/cards/<int:card_id>")
def card_page(card_id):
    """A card's state, reports and history; supervisors also get the moves they may make."""
    history = worklists.card_history(db.session, card_id)
    if history is None:
        abort(404, description="There is no card with that number.")
    return render_template("console/card.html", h=history, outlets=worklists.outlets(db.session))


@bp.post("/cards/<int:card_id>/move")
@supervisor_only
def move_card(card_id):
    """Move a card as the lifecycle allows an operator to; refused moves change nothing."""
    card = db.session.get(Card, card_id)
    if card is None:
        abort(404, description="There is no card with that number.")
    wanted, note = request.form.get("wanted", ""), request.form.get("note", "").strip()[:500]
    outlet_code = request.form.get("outlet_code", "").strip() or None
    new_number = request.form.get("new_card_number", "").strip() or None
    before, moment = card.state, now()
    try:
        lifecycle.change_card_state(
            db.session, card, wanted, actor="operator", source=g.operator.name, now=moment,
            config=current_app.config, outlet_code=outlet_code, note=note, new_card_number=new_number,
        )
    except BadMove as exc:
        db.session.rollback()
        abort(409, description=str(exc))
    except (ValueError, LookupError) as exc:
        db.session.rollback()
        abort(400, description=str(exc))
    detail = f"{before} -> {wanted}" + (f" at {outlet_code}" if outlet_code else "") + (f"; {note}" if note else "")
    accounts.audit(db.session, g.operator.name, "card_move", now=moment, target=f"card {card_id}", detail=detail)
    db.session.commit()
    flash(f"Card moved from {before} to {wanted}.")
    return redirect(url_for("console.card_page", card_id=card_id))


@bp.post("/messages/<int:message_id>/retry")
@supervisor_only
def retry_message(message_id):
    """Send a failed SMS again, now."""
    moment = now()
    if not outbox.retry(db.session, message_id, now=moment):
        db.session.rollback()
        abort(409, description="Only a failed message can be sent again.")
    accounts.audit(db.session, g.operator.name, "sms_retry", now=moment, target=f"message {message_id}")
    db.session.commit()
    flash(f"Message {message_id} will be sent again.")
    return redirect(url_for("console.work_lists"))


@bp.get("/audit")
@supervisor_only
def audit_log():
    """What operators changed, newest first (supervisors only)."""
    return render_template("console/audit.html", entries=accounts.audit_page(db.session))
