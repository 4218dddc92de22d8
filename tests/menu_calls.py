"""Helpers for calls through the menu branches of issue 3 (cancel, progress, outlets, operator)."""

import io
from urllib.parse import urljoin

from sqlalchemy import select

from ivr.outlets import import_csv
from ivr.store import CardEvent, Cardholder, PrelossReport, db

from .conftest import HOLDERS

MENU_KEYS = {"report": "1", "cancel": "2", "progress": "3", "outlets": "4", "operator": "0"}
OUTLETS_CSV = """code,name,area_code,address,hours,phone
BJ-CY-01,朝阳区社会保障卡服务中心,110105,北京市朝阳区工体北路1号,周一至周五 8:30-17:00,010-96102
BJ-DC-01,东城区社保服务网点,110101,北京市东城区东四十条2号,周一至周五 8:30-17:00,010-96102
BJ-CITY,北京市社会保障卡服务大厅,11,北京市西城区复兴门内大街3号,周一至周六 8:30-17:30,010-96102
SZ-CITY,Shenzhen Card Service Hall,4403,1 Fuhua Road,Mon-Fri 9:00-18:00,0755-12333
"""


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
    return holder["id_number"].replace("X", "*") + "#"


def identified(phone, holder, purpose, language="zh", caller="+8613800138000"):
    """A call that has picked `purpose` from the menu and passed the identity check."""
    call = phone.dial(caller=caller, language=language)
    for keys in (MENU_KEYS[purpose], keys_for(holder), "1", holder["service_password"] + "#", holder["mobile"][-4:]):
        call.press(keys)
    return call


def file_report(phone, holder, language="zh"):
    call = identified(phone, holder, "report", language)
    call.press("1")
    return call


def load_outlets(app):
    with app.app_context(), db.new_session() as session:
        result = import_csv(session, io.StringIO(OUTLETS_CSV))
    assert not result.rejected
    return result


def card_of(session, holder_key):
    """The current card of one of the HOLDERS, fresh from the database."""
    session.expire_all()
    mobile = "+86" + HOLDERS[holder_key]["mobile"]
    holder = session.scalar(select(Cardholder).where(Cardholder.mobile == mobile))
    card = holder.current_card
    _ = card.reports  # loaded now, so the commit below can release SQLite's write lock
    session.commit()
    return card


def reports(session):
    session.expire_all()
    return done(session, session.scalars(select(PrelossReport).order_by(PrelossReport.id)).all())


def done(session, value):
    """End the test's read transaction (SQLite holds a write lock for it), keeping what was read."""
    session.commit()
    return value


def set_state(session, card, state, at, **fields):
    """Put a card in `state` as the lifecycle would have, with the move recorded at `at`."""
    session.add(CardEvent(card_id=card.id, at=at, from_state=card.state, to_state=state, actor="operator"))
    card.state, card.state_changed_at = state, at
    for name, value in fields.items():
        setattr(card, name, value)
    session.commit()


def dial_result(call, status):
    """Twilio posting the <Dial> action when the transfer ends."""
    call.action = urljoin("http://localhost/voice/", call.dialled.get("action"))
    call.dialled = None
    return call._answer({"DialCallStatus": status, "DialCallDuration": "0"})
