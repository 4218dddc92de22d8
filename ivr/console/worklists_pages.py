"""Cards and messages pages and the supervisor's SMS retry (card moves: card_moves.py)."""

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ivr.cards import collection
from ivr.console import worklists
from ivr.console.blueprint import bp, now
from ivr.console.i18n import console_language
from ivr.console.signin import supervisor_only
from ivr.messaging import outbox
from ivr.store import audit, db


@bp.get("/cards")
def work_lists():
    """Reports waiting for a formal report, cards waiting to be collected, failed SMS."""
    reference = request.args.get("reference", "").strip()
    if reference:
        return redirect(url_for("console.reference_page", reference=reference[:20]))
    moment = now()
    return render_template(
        "console/cards.html",
        reports=worklists.waiting_reports(db.session, moment),
        ready=worklists.uncollected_cards(
            db.session, moment, overdue_cutoff=collection.overdue_cutoff(moment, current_app.config)
        ),
        failed=worklists.failed_messages(db.session),
    )


@bp.get("/cards/<int:card_id>")
def card_page(card_id):
    """A card's state, reports and history; supervisors also get the moves they may make."""
    language = console_language()
    history = worklists.card_history(db.session, card_id, language)
    if history is None:
        abort(404, description=_("There is no card with that number."))
    return render_template("console/card.html", h=history, outlets=worklists.outlets(db.session, language))


def audit_retry(message_id, moment):
    """The supervisor's resend in the audit log, with the reason they gave."""
    audit.record(
        db.session,
        g.operator.name,
        "sms_retry",
        now=moment,
        channel="console",
        address=request.remote_addr or "",
        target=f"message {message_id}",
        reason=request.form.get("reason", "").strip()[:500],
    )


def back_after_retry():
    """Back to the console page the retry was made on (never elsewhere), else the work lists."""
    back = request.form.get("back", "")
    return back if back.startswith("/console/") and "//" not in back else url_for("console.work_lists")


@bp.post("/messages/<int:message_id>/retry")
@supervisor_only
def retry_message(message_id):
    """Send a failed SMS again, now."""
    moment = now()
    if not outbox.retry(db.session, message_id, now=moment):
        db.session.rollback()
        abort(409, description=_("Only a failed message can be sent again."))
    audit_retry(message_id, moment)
    db.session.commit()
    flash(_("Message %(n)s will be sent again.", n=message_id))
    return redirect(back_after_retry())
