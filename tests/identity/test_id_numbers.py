"""Every identity number a social security cardholder really holds gets through; each refusal says why."""

import io
from datetime import date

import pytest
from sqlalchemy import select

from ivr.directory.cardholder_csv import import_csv
from ivr.identity import idnumbers, passwords
from ivr.store import Card, Cardholder, PrelossReport, db
from tests.support import idgen

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize("kind, value", list(idgen.KINDS.items()))
def test_every_kind_of_number_is_accepted(kind, value):
    checked = idnumbers.check(value, TODAY)
    assert checked.number == value and checked.reason is None
    assert checked.kind == {"new_district": "resident_id"}.get(kind, kind)


@pytest.mark.parametrize(
    "value, reason",
    [
        ("1101051949123100", "id_length"),
        ("11010519491231002", "id_17_digits"),  # the X left off
        ("11010519491231002XX", "id_length"),
        ("1101051949A231002X", "id_format"),
        ("11010519491331002X", "id_birth_date"),  # month 13
        (idgen.number("110105", "20270101"), "id_birth_date"),  # born in the future
        (idgen.number("110105", "18991231"), "id_birth_date"),
        (idgen.wrong_check(idgen.HONG_KONG_PERMIT), "id_checksum"),
        ("110105194912310021", "id_checksum"),
        (idgen.number("720105", "19800101"), "id_area"),  # 72 is no province
        (idgen.number("840000", "19800101"), "id_area"),  # nor is 84
        (idgen.number("010105", "19800101"), "id_area"),
    ],
)
def test_each_refusal_has_its_own_reason(value, reason):
    checked = idnumbers.check(value, TODAY)
    assert checked.number is None and checked.reason == reason
    assert reason in idnumbers.REASONS


def holder_row(value, n, language="zh"):
    return f"{value},持卡人{n},1390000{n:04d},B{n:08d},{135790 + n},{language}"


def import_rows(app, rows):
    csv = "id_number,name,mobile,card_number,service_password,language\n" + "\n".join(rows) + "\n"
    with app.app_context(), db.new_session() as session:
        result = import_csv(session, io.StringIO(csv), app.config)
        session.commit()
    return result


def test_import_takes_every_kind_and_reports_each_refusal_by_line(app, session):
    good = [holder_row(value, n) for n, value in enumerate(idgen.KINDS.values(), 1)]
    bad = [
        holder_row("11010519491231002", 20),
        holder_row("110105194912310021", 21),
        holder_row(idgen.number("720105"), 22),
        holder_row(idgen.number("110105", "20300101"), 23),
        holder_row("1101051949A231002X", 24),
    ]
    result = import_rows(app, good + bad)
    assert [(line, reason) for line, reason in result.rejected] == [
        (7, "bad id_number (17 characters: the final X may be missing)"),
        (8, "bad id_number (wrong check character)"),
        (9, "bad id_number (the first two digits are no province code)"),
        (10, "bad id_number (no such birth date, or one in the future)"),
        (11, "bad id_number (a character that is not a digit (only the last may be X))"),
    ]
    assert result.inserted == len(idgen.KINDS)
    masked = set(session.scalars(select(Cardholder.id_masked)))
    assert {idnumbers.mask(v) for v in idgen.KINDS.values()} <= masked


def test_a_foreign_permanent_card_is_served_by_its_province(app, session):
    import_rows(app, [holder_row(idgen.FOREIGN_PERMANENT, 1)])
    assert session.scalar(select(Cardholder.area_code)) == "110000"


@pytest.mark.parametrize("kind", list(idgen.KINDS))
@pytest.mark.parametrize("language", ["zh", "en"])
def test_each_kind_reports_a_lost_card_by_phone(kind, language, app, phone, session):
    value = idgen.KINDS[kind]
    assert not import_rows(app, [holder_row(value, 7, language)]).rejected
    call = phone.dial(caller="+8613900000007", language=language)
    for keys in ("1", idgen.keys(value), "1", f"{135790 + 7}#", "0007", "1"):
        call.press(keys)
    reference = session.scalar(select(PrelossReport.reference))
    assert reference is not None
    assert ("挂失成功" if language == "zh" else "reported lost") in call.all_heard


@pytest.mark.parametrize(
    "language, keyed, words",
    [
        ("zh", "11010519491231002#", "请在最后按星号键代替X"),
        ("en", "11010519491231002#", "press star for the X"),
        ("zh", "110105194912310021#", "校验位不正确"),
        ("en", idgen.keys(idgen.number("720105")), "not a valid province code"),
        ("zh", idgen.keys(idgen.number("110105", "20300101")), "出生日期不正确"),
        ("en", "1101051949#", "does not have 18 characters"),
    ],
)
def test_the_caller_hears_why_a_number_is_refused(language, keyed, words, phone):
    call = phone.dial(language=language)
    call.press("1")
    call.press(keyed)
    assert words in call.heard


# What a registry typed in a Chinese spreadsheet often holds: fullwidth digits and letters.
FULLWIDTH = str.maketrans("0123456789XB", "０１２３４５６７８９ＸＢ")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_registry_in_fullwidth_digits_loads_what_a_caller_keys(language, app, phone, session):
    """Stored as typed, the number's hash would never match the ASCII digits a telephone sends."""
    value = idgen.NEW_DISTRICT_1970
    assert not import_rows(app, [holder_row(value, 7, language).translate(FULLWIDTH)]).rejected
    call = phone.dial(caller="+8613900000007", language=language)
    for keys in ("1", idgen.keys(value), "1", f"{135790 + 7}#", "0007", "1"):
        call.press(keys)
    assert session.scalar(select(PrelossReport.reference)) is not None
    assert ("挂失成功" if language == "zh" else "reported lost") in call.all_heard


@pytest.mark.parametrize("odd", ["²", "①", "𝟙", "١", "½", "Ⅸ"])
def test_any_unicode_digit_gets_an_answer_not_a_crash(odd):
    value = idgen.NEW_DISTRICT_1970
    for position in (0, 9, 16, 17):
        checked = idnumbers.check(value[:position] + odd + value[position + 1 :], TODAY)
        assert (checked.number is None) != (checked.reason is None)
        assert checked.number is None or checked.number.isascii()


def test_a_fullwidth_password_or_card_number_loads_as_its_ascii_self(app, session):
    row = holder_row(idgen.NEW_DISTRICT_1970, 3).split(",")
    row[3], row[4] = row[3].translate(FULLWIDTH), row[4].translate(FULLWIDTH)
    assert not import_rows(app, [",".join(row)]).rejected
    assert session.scalar(select(Card.number_last4)) == "0003"  # card B00000003, typed fullwidth
    stored = session.scalar(select(Cardholder.password_hash))
    assert passwords.check_pin(app.config["PASSWORD_KEYRING"], stored, f"{135790 + 3}").ok  # what a phone keys
