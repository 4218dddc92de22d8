"""Issue 10, part 2: what the caller hears on every branch is right, in both languages."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from ivr.directory.outlets import import_csv as import_outlets
from ivr.store import OutgoingMessage, PrelossReport, db
from tests.support.calls import done, file_report, identified, load_outlets, spoken_reference
from tests.support.known import HOLDERS, OUTLETS_CSV

REPEAT_AND_BACK = {
    "zh": ("重听请按9", "返回主菜单请按星号键"),
    "en": ("To hear this again, press 9", "For the main menu, press star"),
}
MENU = {"zh": "挂失社保卡请按1", "en": "To report a lost card, press 1"}


def beijing(*args):
    return (datetime(*args) - timedelta(hours=8)).replace(tzinfo=UTC)


def reference_of(session, *, done):
    session.expire_all()
    return done(session, session.scalar(select(PrelossReport.reference)))


# Repeat repeats what was said; one key convention after every answer


@pytest.mark.parametrize(
    "language, already, filed",
    [
        ("zh", "无需重复挂失", "挂失成功"),
        ("en", "already reported lost", "has stopped working"),
    ],
)
def test_repeat_after_an_existing_report_repeats_that_not_a_success(language, already, filed, phone, cardholders):
    holder = HOLDERS["zhang"] if language == "zh" else HOLDERS["li"]
    file_report(phone, holder, language)
    second = identified(phone, holder, "report", language)  # no offer: the card is already reported
    assert already in second.heard and filed not in second.heard
    second.press("9")
    assert already in second.heard and filed not in second.heard


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("branch", ["report", "cancel", "progress", "outlets"])
def test_every_answer_ends_with_the_same_keys(branch, language, phone, cardholders, app):
    holder = HOLDERS["zhang"] if language == "zh" else HOLDERS["li"]
    if branch == "outlets":
        load_outlets(app)
        call = phone.dial(language=language)
        call.press("4")
        call.press("#")
    elif branch == "cancel":
        file_report(phone, holder, language)
        call = identified(phone, holder, "cancel", language)
        call.press("1")
    elif branch == "report":
        call = file_report(phone, holder, language)
    else:
        call = identified(phone, holder, "progress", language)
    answer = call.heard
    # After a report, 1 is the reference again (said instead of 9, which still repeats it all).
    for words in REPEAT_AND_BACK[language][1:] if branch == "report" else REPEAT_AND_BACK[language]:
        assert words in answer
    call.press("9")
    assert call.heard == answer
    assert "85%" in call.rates_heard()  # the repeat is said more slowly
    call.press("*")
    assert MENU[language] in call.heard


# The reference: in groups of four, once more after the paragraph, one key for it alone


@pytest.mark.parametrize(
    "language, paragraph, key_words",
    [
        ("zh", "挂失成功", "再听受理编号请按1"),
        ("en", "has stopped working", "To hear the reference again, press 1"),
    ],
)
def test_the_reference_is_grouped_repeated_and_has_its_own_key(
    language, paragraph, key_words, phone, cardholders, session
):
    holder = HOLDERS["zhang"] if language == "zh" else HOLDERS["li"]
    call = file_report(phone, holder, language)
    spoken = spoken_reference(reference_of(session, done=done), language)
    assert call.heard.count(spoken) == 2 and call.heard.rindex(spoken) > call.heard.index(paragraph)
    assert key_words in call.heard
    call.press("1")
    assert spoken in call.heard and paragraph not in call.heard


# Digits in Mandarin: 1 is 幺; the hotline number is never a cardinal


def test_mandarin_reads_1_as_yao_in_the_last_four(phone, cardholders):
    call = phone.dial(language="zh")
    call.press("1")
    call.press("440304199001011233#")
    assert "幺 二 三 三" in call.heard and "一 二 三 三" not in call.heard


@pytest.mark.parametrize("language, spoken", [("zh", "九 六 幺 零 二"), ("en", "9, 6, 1, 0, 2")])
def test_the_hotline_number_is_spelled_out(language, spoken, phone, app):
    call = phone.dial(language=language)
    call.press("1")
    for _ in range(3):
        call.press("123#")  # on to a person: none can be reached here (no OPERATOR_NUMBER), the menu
    call.press("1")
    for _ in range(3):
        call.press("123#")  # the second time the call ends, saying when to call again
    assert spoken in call.heard and "96102" not in call.heard and call.ended


# Staffed hours: one full stop


def test_english_staffed_hours_end_with_one_full_stop(phone, app, clock):
    clock.now = beijing(2026, 11, 25, 20, 0)
    call = phone.dial(language="en")
    call.press("0")
    assert "5:30 p.m." in call.heard and "p.m.." not in call.heard


# Outlet hours said as days and times in the caller's language


@pytest.mark.parametrize(
    "language, hours, raw",
    [
        ("zh", "周一到周五上午8点半到下午5点", "8:30-17:00"),
        ("en", "Monday to Friday, 8:30 a.m. to 5 p.m.", "周一至周五"),
    ],
)
def test_outlet_hours_are_said_as_days_and_times(language, hours, raw, phone, app):
    load_outlets(app)
    call = phone.dial(language=language)
    call.press("4")
    call.press("110105#")
    assert hours in call.heard and raw not in call.heard
    assert "朝阳区社会保障卡服务中心" in call.heard  # the name stays as written
    call.press("9")
    assert hours in call.heard and ("为您查到" if language == "zh" else "for your area") in call.heard


def test_an_english_outlet_is_read_in_mandarin_for_a_mandarin_caller(phone, app):
    load_outlets(app)
    call = phone.dial(language="zh")
    call.press("4")
    call.press("440304#")
    assert "Shenzhen Card Service Hall" in call.heard and "周一到周五上午9点到下午6点" in call.heard


# SMS in the language chosen on the call


def test_a_report_in_english_texts_in_english_naming_the_outlet(phone, cardholders, app, session):
    load_outlets(app)
    file_report(phone, HOLDERS["zhang"], "en")  # stored language zh, but this call chose English
    session.expire_all()
    messages = done(session, session.scalars(select(OutgoingMessage).order_by(OutgoingMessage.due_at)).all())
    assert [m.language for m in messages] == ["en"] * 3
    assert messages[0].body.startswith("Social Security Card Hotline:")
    for reminder in messages[1:]:
        assert "朝阳区社会保障卡服务中心" in reminder.body  # the nearest outlet, as in Chinese
    assert "Mon-Fri 8:30-17:00" in messages[1].body


def test_a_cancellation_in_english_texts_in_english(phone, cardholders, session):
    file_report(phone, HOLDERS["zhang"], "zh")
    call = identified(phone, HOLDERS["zhang"], "cancel", "en")
    call.press("1")
    session.expire_all()
    cancelled = done(
        session, session.scalar(select(OutgoingMessage).where(OutgoingMessage.kind == "preloss_cancelled"))
    )
    assert cancelled.language == "en" and "cancelled" in cancelled.body


# The initial-password caller at night hears about the 24-hour terminal

TERMINAL_CSV = OUTLETS_CSV.replace("hours,phone\n", "hours,phone,terminal_24h\n").replace(
    "复兴门内大街3号,周一至周六 8:30-17:30,010-96102", "复兴门内大街3号,周一至周六 8:30-17:30,010-96102,yes"
)


@pytest.mark.parametrize("language, words", [("zh", "24小时自助服务终端"), ("en", "24-hour self-service terminal")])
def test_initial_password_at_3_am_hears_where_the_24_hour_terminal_is(language, words, phone, cardholders, app, clock):
    with app.app_context(), db.new_session() as s:
        assert not import_outlets(s, io.StringIO(TERMINAL_CSV)).rejected
        s.commit()
    clock.now = beijing(2026, 11, 26, 3, 0)
    holder = HOLDERS["wang"]
    call = phone.dial(language=language)
    for keys in ("1", holder["id_number"] + "#", "1", "123456#", "7000"):
        call.press(keys)
    assert words in call.heard and "北京市社会保障卡服务大厅" in call.heard
    clock.now = beijing(2026, 11, 26, 10, 0)  # staffed: an operator can help instead
    call = phone.dial(language=language)
    for keys in ("1", holder["id_number"] + "#", "1", "123456#", "7000"):
        call.press(keys)
    assert words not in call.heard


def test_no_operator_is_offered_on_national_day(phone, app, clock):
    app.config["OPERATOR_NUMBER"] = "+861065550000"
    clock.now = beijing(2026, 10, 1, 10, 0)
    call = phone.dial(language="zh")
    call.press("0")
    assert "现在不在服务时间" in call.heard and getattr(call, "dialled", None) is None


def test_a_sentence_ending_in_p_m_has_one_full_stop():
    from ivr.prompts import finish

    assert finish("Operators are available until 5:30 p.m..") == "Operators are available until 5:30 p.m."
