"""Scripted calls through the menu (report, cancel, progress, outlets, operator) and reading what they left."""

import io
from urllib.parse import urljoin

from sqlalchemy import select

from ivr.directory.outlets import import_csv
from ivr.store import CardEvent, Cardholder, PrelossReport, db
from tests.support import idgen
from tests.support.known import HOLDERS, OUTLETS_CSV
from tests.support.phone import ENGLISH_KEY

MENU_KEYS = {"report": "1", "cancel": "2", "progress": "3", "outlets": "4", "operator": "0"}


def zh_digits(value):
    """Digits read one by one in Mandarin, 1 as 幺."""
    return " ".join("零幺二三四五六七八九"[int(d)] if d.isdigit() else d for d in value)


def en_digits(value):
    return ", ".join(value)


def spoken_reference(reference, language):
    """The reference as said to write down: two groups of four."""
    spell, joiner = (zh_digits, "，") if language == "zh" else (en_digits, "; ")
    return joiner.join(spell(reference[i : i + 4]) for i in range(0, len(reference), 4))


def keys_for(holder):
    """What a caller keys for a cardholder's ID number: * for X, then #."""
    return idgen.keys(holder["id_number"])


def identity_keys(holder, purpose="report", language=None):
    """What a caller keys to pick `purpose` from the menu and pass the identity check (after the
    language key, when `language` is given)."""
    chosen = [ENGLISH_KEY] if language == "en" else []  # Mandarin is the default
    return [*chosen, MENU_KEYS[purpose], keys_for(holder), "1", holder["service_password"] + "#", holder["mobile"][-4:]]


def identified(phone, holder, purpose, language="zh", caller="+8613800138000"):
    """A call that has picked `purpose` from the menu and passed the identity check."""
    call = phone.dial(caller=caller, language=language)
    for keys in identity_keys(holder, purpose):
        call.press(keys)
    return call


def report_call(phone, holder, language="zh"):
    """A report call past the identity check, asked to confirm the suspension."""
    return identified(phone, holder, "report", language)


def file_report(phone, holder, language="zh"):
    call = identified(phone, holder, "report", language)
    call.press("1")
    return call


def fail_verification(phone, id_keys, times, per_call=2):
    """Answer the security questions wrongly `times` times, `per_call` (MAX_CALL_VERIFY_FAILURES)
    in each call: after that a call moves on to a person. The last call."""
    while times > 0:
        call = phone.dial(language="en")
        for keys in ("1", id_keys, "1"):
            call.press(keys)
        for _ in range(min(times, per_call)):
            call.press("999999#")
            call.press("0000")
        times -= per_call
    return call


def dial_result(call, status):
    """Twilio posting the <Dial> action when the transfer ends."""
    call.action = urljoin("http://localhost/voice/", call.dialled.get("action"))
    call.dialled = None
    return call._answer({"DialCallStatus": status, "DialCallDuration": "0"})


def load_outlets(app):
    with app.app_context(), db.new_session() as session:
        result = import_csv(session, io.StringIO(OUTLETS_CSV))
    assert not result.rejected
    return result


def current_card(session, holder_key):
    """The current card of one of the HOLDERS, fresh from the database."""
    session.expire_all()
    mobile = "+86" + HOLDERS[holder_key]["mobile"]
    holder = session.scalar(select(Cardholder).where(Cardholder.mobile == mobile))
    card = holder.current_card
    _ = card.reports  # loaded now, so the commit below can release SQLite's write lock
    session.commit()
    return card


def done(session, value):
    """End the test's read transaction (SQLite holds a write lock for it), keeping what was read."""
    session.commit()
    return value


def all_reports(session):
    session.expire_all()
    return done(session, session.scalars(select(PrelossReport).order_by(PrelossReport.id)).all())


def set_state(session, card, state, at, **fields):
    """Put a card in `state` as the lifecycle would have, with the move recorded at `at`."""
    session.add(CardEvent(card_id=card.id, at=at, from_state=card.state, to_state=state, actor="operator"))
    card.state, card.state_changed_at = state, at
    for name, value in fields.items():
        setattr(card, name, value)
    session.commit()
