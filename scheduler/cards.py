"""Card jobs: flag replacement cards left at an outlet too long; forget old API retry answers."""

from ivr.calendar import clock
from ivr.cards.collection import flag_uncollected
from ivr.store import db
from ivr.store.api import forget_old_answers


def flag_uncollected_cards(app):
    """Flag the cards nobody has collected in time, so the operators see them."""
    with app.app_context(), db.new_session() as session:
        return len(flag_uncollected(session, now=clock.now(), config=app.config))


def forget_idempotency_keys(app):
    """Delete Idempotency-Key answers older than IDEMPOTENCY_KEEP_DAYS, so the table stays small."""
    with app.app_context(), db.new_session() as session:
        return forget_old_answers(session, now=clock.now(), keep_days=app.config["IDEMPOTENCY_KEEP_DAYS"])
