"""The cardholder a verified call is about, with cards and reports, read once per request."""

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import joinedload

from ivr.identity import age, phones
from ivr.store import Card, Cardholder

# Built once, like ivr/calls.BY_SID: reused, it skips SQLAlchemy's cache-key walk on every step.
HOLDER_WITH_CARDS = (
    select(Cardholder)
    .where(Cardholder.id == bindparam("holder_id"))
    .options(joinedload(Cardholder.cards).joinedload(Card.reports))
)
LOADED_HOLDERS = "ivr_loaded_holders"


def verified_holder(session, call):
    """The cardholder this call has proved to be, with cards and reports in one query, or None."""
    if not call.verified or not call.cardholder_id:
        return None
    return holder_with_cards(session, call.cardholder_id)


def holder_with_cards(session, holder_id):
    """The cardholder with cards and reports: one query, or none when this request loaded them already.

    The step that verifies a caller reads the cardholder, then runs the offer in place (`go_on`),
    which needs the same cardholder with cards. The session's identity map holds objects weakly,
    so the request keeps the ones it loaded; a rollback expires them, and they are read again.
    """
    loaded = session.info.setdefault(LOADED_HOLDERS, {})
    holder = loaded.get(holder_id)
    if holder is not None and "cards" in holder.__dict__:  # not expired since it was loaded
        return holder
    holder = session.scalars(HOLDER_WITH_CARDS, {"holder_id": holder_id}).unique().first()
    loaded[holder_id] = holder
    return holder


def senior_by_mobile(session, from_number, today):
    """Is the calling number the registered mobile of a cardholder aged 65 or over?

    Caller ID proves nothing, but it is enough to offer a person sooner: nothing is disclosed.
    """
    try:
        mobile = phones.to_mobile_e164(from_number)
    except phones.BadPhoneNumber:
        return False
    years = session.scalars(SENIOR_YEARS, {"mobile": mobile}).all()
    return any(age.senior_by_year(year, today) for year in years)


SENIOR_YEARS = select(Cardholder.born_in).where(Cardholder.mobile == bindparam("mobile"))


def stored_password_hashes(session):
    """Every cardholder's stored service-password hash, streamed."""
    return session.scalars(select(Cardholder.password_hash).execution_options(yield_per=10000))


def password_of(session, id_hash):
    """(id, password_hash) of the cardholder with this ID hash, or None."""
    return session.execute(select(Cardholder.id, Cardholder.password_hash).where(Cardholder.id_hash == id_hash)).first()


def store_password_hash(session, holder_id, password_hash):
    session.execute(update(Cardholder).where(Cardholder.id == holder_id).values(password_hash=password_hash))
