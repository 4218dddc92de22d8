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


def card_to_move(card_id):
    """The card asked for, or a 404 page."""
    card = db.session.get(Card, card_id)
    if card is None:
        abort(404, description=_("There is no card with that number."))
    return card


def needs_confirmation(card, asked):
    """A move that lifts a suspension or ends a card asks for a reason and a second look first."""
    confirmed = request.form.get("confirmed") == "yes"
    return is_sensitive(card.state, asked["wanted"]) and (not confirmed or not asked["reason"])


def confirmation_page(card_id, asked):
    """The second look: the card, the move asked for, and the reason if it was missing."""
    missing = request.form.get("confirmed") == "yes" and not asked["reason"]
    history = worklists.card_history(db.session, card_id)
    db.session.rollback()
    return render_template("console/move_confirm.html", h=history, asked=asked, missing_reason=missing)


def make_move(card, asked):
    """Move the card through the one front door; a refused move ends in a 409 or 400 page."""
    by = moves.Mover(actor="operator", name=g.operator.name, channel="console", address=request.remote_addr or "")
    try:
        moves.move(
            db.session, card, asked["wanted"], by=by, now=now(), config=current_app.config, **move_details(asked)
        )
    except moves.Refused as exc:
        db.session.rollback()
        if exc.code == "bad_move":
            abort(409, description=_("This card cannot be moved to that state now; nothing was changed."))
        abort(400, description=_("The move needs a detail that is missing or wrong: %(why)s", why=str(exc)))


def move_details(asked):
    return {k: asked[k] for k in ("reason", "outlet_code", "new_card_number")}


def moved_words(before, after):
    """The flash after a move, the states in words."""
    return _(
        "Card moved from %(before)s to %(after)s.",
        before=label("card_state", before),
        after=label("card_state", after),
    )


@bp.post("/cards/<int:card_id>/move")
@supervisor_only
def move_card(card_id):
    """Move a card as the lifecycle allows an operator to; refused moves change nothing."""
    card, asked = card_to_move(card_id), move_form()
    if asked["wanted"] not in worklists.operator_moves(card.state):
        db.session.rollback()
        flash(_("Choose the state to move the card to."))
        return redirect(url_for("console.card_page", card_id=card_id))
    if needs_confirmation(card, asked):
        return confirmation_page(card_id, asked)
    before = card.state
    make_move(card, asked)
    db.session.commit()
    flash(moved_words(before, asked["wanted"]))
    return redirect(url_for("console.card_page", card_id=card_id))
