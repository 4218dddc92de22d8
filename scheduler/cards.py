"""Card jobs: flag replacement cards left at an outlet longer than COLLECTION_WINDOW_DAYS."""

from ivr import clock
from ivr.collection import flag_uncollected
from ivr.store import db


def flag_uncollected_cards(app):
    """Flag the cards nobody has collected in time, so the operators see them."""
    with app.app_context(), db.new_session() as session:
        return len(flag_uncollected(session, now=clock.now(), config=app.config))
