"""Full ID numbers and passwords never reach the database or the logs."""

import logging
import re

from sqlalchemy import inspect, select, text

from ivr.store import Cardholder

from .conftest import HOLDERS
from .test_report_call import report


def every_stored_value(session):
    values = []
    for table in inspect(session.connection()).get_table_names():
        for row in session.execute(text(f'SELECT * FROM "{table}"')):
            values.extend(str(value) for value in row)
    return "\n".join(values)


def test_nothing_secret_is_stored_in_clear(phone, cardholders, session):
    report(phone, HOLDERS["zhang"]).press("1")
    report(phone, HOLDERS["li"], language="en").press("1")
    stored = every_stored_value(session)
    for holder in HOLDERS.values():
        assert holder["id_number"] not in stored
        assert holder["id_number"][:17] not in stored
        # a password is six digits: look for it alone, not inside a phone number
        assert not re.search(rf"(?<!\d){holder['service_password']}(?!\d)", stored)
        assert holder["card_number"] not in stored


def test_id_numbers_are_kept_masked_and_hashed(cardholders, session):
    holder = session.scalar(select(Cardholder).where(Cardholder.name == "张伟"))
    assert holder.id_masked == "110105********002X"
    assert len(holder.id_hash) == 64
    assert holder.password_hash.startswith("pbkdf2:")


def test_nothing_secret_is_logged(phone, cardholders, caplog):
    caplog.set_level(logging.DEBUG)
    report(phone, HOLDERS["zhang"]).press("1")
    call = phone.dial(language="en")
    for keys in ("1", "110101198001010053#", "1", "000000#", "5678"):
        call.press(keys)
    logged = caplog.text
    for holder in HOLDERS.values():
        assert holder["id_number"] not in logged and holder["service_password"] not in logged


def test_identity_step_rows_hold_no_digits(phone, cardholders, session):
    call = phone.dial(language="en")
    for keys in ("1", "110101198001010053#", "1", "135790#"):
        call.press(keys)
    # mid-verification: only a hash and a yes/no are kept between the two questions
    row = session.execute(text("SELECT id_hash, password_ok, last_reply FROM calls")).one()
    assert "135790" not in str(row) and "110101198001010053" not in str(row)
