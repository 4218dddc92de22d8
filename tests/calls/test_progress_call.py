"""A verified caller hears where their card stands, at every stage of a replacement."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from ivr.store import Outlet
from tests.support.calls import (
    all_reports,
    current_card,
    done,
    file_report,
    identified,
    load_outlets,
    set_state,
    spoken_reference,
)
from tests.support.known import HOLDERS


@pytest.mark.parametrize(
    "language, holder_key, expected",
    [
        ("zh", "zhang", "正常使用"),
        ("en", "li", "is active, and no replacement is in progress"),
    ],
)
def test_an_active_card(phone, cardholders, language, holder_key, expected):
    call = identified(phone, HOLDERS[holder_key], "progress", language)
    assert expected in call.heard
    assert call.languages_heard() == {language}


@pytest.mark.parametrize(
    "language, holder_key, lapse, next_step",
    [
        ("zh", "zhang", "12月5日星期六", "办理正式挂失和补卡"),
        ("en", "li", "Saturday, December 5", "make the formal report"),
    ],
)
def test_a_preloss_report(phone, cardholders, session, language, holder_key, lapse, next_step):
    file_report(phone, HOLDERS[holder_key], language)
    reference = all_reports(session)[0].reference
    call = identified(phone, HOLDERS[holder_key], "progress", language)
    assert spoken_reference(reference, language) in call.heard
    assert lapse in call.heard and next_step in call.heard


@pytest.mark.parametrize(
    "state, language, expected",
    [
        ("formal_loss", "zh", "11月27日星期五正式挂失"),
        ("formal_loss", "en", "formally reported lost on Friday, November 27"),
        ("replacement_applied", "zh", "11月27日星期五申请补办新卡"),
        ("replacement_applied", "en", "a new card was applied for on Friday, November 27"),
        ("collected", "zh", "11月27日星期五领取"),
        ("collected", "en", "collected on Friday, November 27"),
        ("cancelled", "en", "status is: cancelled"),
    ],
)
def test_each_later_stage_with_its_date(phone, cardholders, session, clock, state, language, expected):
    holder_key = "zhang" if language == "zh" else "li"
    set_state(session, current_card(session, holder_key), state, clock.now + timedelta(days=2, hours=6))
    call = identified(phone, HOLDERS[holder_key], "progress", language)
    assert expected in call.heard


def test_dates_are_local_days(phone, cardholders, session, clock):
    # 17:00 UTC on 27 November is 01:00 on 28 November in Beijing.
    moment = clock.now.replace(day=27, hour=17)
    set_state(session, current_card(session, "li"), "formal_loss", moment)
    call = identified(phone, HOLDERS["li"], "progress", "en")
    assert "Saturday, November 28" in call.heard


@pytest.mark.parametrize(
    "language, ready_on, expected",
    [
        ("zh", date(2026, 12, 10), "预计12月10日星期四可以领取"),
        ("en", date(2026, 12, 10), "should be ready on Thursday, December 10"),
        ("en", None, "We will text you when it is ready"),
    ],
)
def test_in_production_with_the_expected_date(phone, cardholders, session, clock, language, ready_on, expected):
    holder_key = "zhang" if language == "zh" else "li"
    set_state(session, current_card(session, holder_key), "in_production", clock.now, expected_ready_on=ready_on)
    call = identified(phone, HOLDERS[holder_key], "progress", language)
    assert expected in call.heard
    if ready_on is None:
        assert "ready on" not in call.heard


@pytest.mark.parametrize(
    "language, bring", [("zh", "身份证原件和领卡回执"), ("en", "ID card and the collection receipt")]
)
def test_ready_for_collection_names_the_outlet(phone, cardholders, session, clock, app, language, bring):
    load_outlets(app)
    outlet = done(session, session.scalar(select(Outlet).where(Outlet.code == "BJ-CY-01")))
    holder_key = "zhang" if language == "zh" else "li"
    set_state(session, current_card(session, holder_key), "ready", clock.now, ready_outlet_id=outlet.id)
    call = identified(phone, HOLDERS[holder_key], "progress", language)
    assert "朝阳区社会保障卡服务中心" in call.heard and "工体北路1号" in call.heard
    assert bring in call.heard
    # The outlet's Chinese name is said by the Mandarin voice, even to an English caller;
    # its hours in the caller's language.
    assert ("zh", "朝阳区社会保障卡服务中心，地址：北京市朝阳区工体北路1号。") in call.transcript
    hours = {
        "zh": "办公时间：周一到周五上午8点半到下午5点。",
        "en": "Opening hours: Monday to Friday, 8:30 a.m. to 5 p.m.",
    }
    assert (language, hours[language]) in call.transcript


def test_ready_without_an_outlet_on_record(phone, cardholders, session, clock):
    set_state(session, current_card(session, "li"), "ready", clock.now)
    call = identified(phone, HOLDERS["li"], "progress", "en")
    assert "where you applied" in call.heard


def test_9_repeats_star_goes_to_menu_silence_ends(phone, cardholders):
    call = identified(phone, HOLDERS["li"], "progress", "en")
    told = call.heard
    call.press("9")
    assert call.heard == told
    call.press("*")
    assert "To report a lost card, press 1" in call.heard
    call.press("3")  # progress again: no second identity check in the same call
    assert call.heard == told
    call.silence()
    assert "Please rate this call" in call.heard  # an outcome was reached: the one rating question
    call.silence()
    assert call.ended and "Goodbye" in call.heard


def test_wrong_key_after_progress_asks_again(phone, cardholders):
    call = identified(phone, HOLDERS["zhang"], "progress")
    call.press("5")
    assert "按键无效" in call.heard and "重听请按9" in call.heard


def test_unknown_caller_hears_what_a_wrong_answer_hears(phone, cardholders):
    stranger = "110105198506150014"  # valid checksum; conftest's STRANGER_ID fails its checksum
    call = phone.dial(language="en")
    for keys in ("3", stranger + "#", "1", "246810#", "8000"):
        call.press(keys)
    assert "could not verify your identity" in call.heard
    assert "progress" not in call.heard.lower()


def test_a_collected_replacement_is_reported_as_collected(phone, cardholders, session, clock):
    from ivr.store import Card

    old = current_card(session, "li")
    collected_at = clock.now + timedelta(days=20)
    set_state(session, old, "collected", collected_at)
    session.add(
        Card(
            cardholder_id=old.cardholder_id,
            number_hash="x" * 64,
            number_last4="9999",
            state="active",
            state_changed_at=collected_at,
            created_at=collected_at,
            replaces_card_id=old.id,
        )
    )
    session.commit()
    call = identified(phone, HOLDERS["li"], "progress", "en")
    assert "collected on Tuesday, December 15" in call.heard
