"""A supervisor moves a card: no target chosen for them, and a reason and a second look for the
moves that lift a suspension or end a card (the cardholder is told by SMS, as after a phone cancel)."""

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ivr.cards import moves
from ivr.cards.holder_notices import is_sensitive
from ivr.console import worklists
from ivr.console.blueprint import bp, now
from ivr.console.labels import label
from ivr.console.signin import supervisor_only
from ivr.store import Card, db


def move_form():
    form = request.form
    return dict(
        wanted=form.get("wanted", "").strip(),
        reason=form.get("reason", "").strip()[:500],
        outlet_code=form.get("outlet_code", "").strip() or None,
        new_card_number=form.get("new_card_number", "").strip() or None,
    )


@bp.post("/cards/<int:card_id>/move")
@supervisor_only
def move_card(card_id):
    """Move a card as the lifecycle allows an operator to; refused moves change nothing."""
    card = db.session.get(Card, card_id)
    if card is None:
        abort(404, description=_("There is no card with that number."))
    asked = move_form()
    if asked["wanted"] not in worklists.operator_moves(card.state):
        db.session.rollback()
        flash(_("Choose the state to move the card to."))
        return redirect(url_for("console.card_page", card_id=card_id))
    if is_sensitive(card.state, asked["wanted"]) and (request.form.get("confirmed") != "yes" or not asked["reason"]):
        missing = request.form.get("confirmed") == "yes" and not asked["reason"]
        history = worklists.card_history(db.session, card_id)
        db.session.rollback()
        return render_template("console/move_confirm.html", h=history, asked=asked, missing_reason=missing)
    before, moment = card.state, now()
    by = moves.Mover(actor="operator", name=g.operator.name, channel="console", address=request.remote_addr or "")
    try:
        moves.move(
            db.session,
            card,
            asked["wanted"],
            by=by,
            now=moment,
            config=current_app.config,
            reason=asked["reason"],
            outlet_code=asked["outlet_code"],
            new_card_number=asked["new_card_number"],
        )
    except moves.Refused as exc:
        db.session.rollback()
        if exc.code == "bad_move":
            abort(409, description=_("This card cannot be moved to that state now; nothing was changed."))
        abort(400, description=_("The move needs a detail that is missing or wrong: %(why)s", why=str(exc)))
    db.session.commit()
    flash(
        _(
            "Card moved from %(before)s to %(after)s.",
            before=label("card_state", before),
            after=label("card_state", asked["wanted"]),
        )
    )
    return redirect(url_for("console.card_page", card_id=card_id))
