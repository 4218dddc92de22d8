"""The softphone engine rings the real hotline in-process and hears what a caller would hear."""

import pytest
from sqlalchemy import select

from ivr.prompts import CATALOGUE
from ivr.softphone import Line, SoftCall
from ivr.softphone.transports import FlaskTransport, app_line_settings
from ivr.store import Call, Card, OutgoingMessage, PrelossReport
from tests.support.calls import identity_keys, spoken_reference
from tests.support.known import HOLDERS, TOKEN


def fragment(key, language):
    """The longest fixed piece of a prompt, to look for in what was said."""
    template = CATALOGUE[key][language]
    return max((piece.split("}")[-1] for piece in template.split("{")), key=len)


def said(events):
    return " ".join(e["text"] for e in events if e["type"] == "say")


@pytest.fixture
def softphone(app):
    def ring(caller="+8613500000000", token=TOKEN):
        url, _ = app_line_settings(app)
        call = SoftCall(Line(FlaskTransport(app), url=url, token=token, caller=caller))
        call.ring()
        return call

    return ring


@pytest.mark.parametrize("name, language", [("zhang", "zh"), ("li", "en")])
def test_a_whole_preloss_report_call(softphone, cardholders, session, name, language):
    holder = HOLDERS[name]
    call = softphone()
    assert fragment("welcome.other_language", "en") in said(call.events)  # "For English, press 8."
    assert {e["language"] for e in call.events if e["type"] == "say"} == {"zh-CN", "en-US"}
    for keys in identity_keys(holder, language=language):
        heard = said(call.press(keys))
    assert fragment("preloss.offer", language) in heard
    filed = call.press("1")
    speech = {"zh": "zh-CN", "en": "en-US"}[language]
    assert {e["language"] for e in filed if e["type"] == "say"} == {speech}
    assert call.state["language"] == speech
    asked = call.silence()
    assert fragment("rating.ask", language) in said(asked)
    goodbye = call.silence()  # silence skips the rating
    assert fragment("common.goodbye", language) in said(goodbye) and call.ended
    # The hotline's own records, read once the call is over (a reading session holds SQLite's lock).
    report = session.scalar(select(PrelossReport))
    assert report is not None and session.get(Card, report.card_id).state == "preloss"
    assert spoken_reference(report.reference, language) in said(filed)
    hotline_call = session.scalar(select(Call).where(Call.call_sid == call.state["sid"]))
    assert hotline_call.outcome == "report_filed" and hotline_call.twilio_status == "completed"
    kinds = session.scalars(select(OutgoingMessage.kind).where(OutgoingMessage.call_id == hotline_call.id)).all()
    assert sorted(kinds) == ["formal_report_reminder", "formal_report_reminder", "preloss_confirmation"]


def test_silence_at_the_greeting_means_mandarin(softphone):
    call = softphone()
    assert "挂失社保卡请按1" in said(call.silence())


def test_three_silences_lead_on_to_a_person_not_a_hang_up(softphone):
    call = softphone()
    call.press("8")
    for _ in range(3):
        heard = said(call.silence())
    assert fragment("common.too_many_tries", "en") in heard and "operator" in heard.lower()
    assert not call.ended


def test_an_unknown_id_hears_what_a_wrong_answer_hears(softphone, cardholders):
    heard = []
    # A valid ID number nobody holds (conftest's STRANGER_ID fails the checksum).
    for id_number in (HOLDERS["zhang"]["id_number"], "110105198506150014"):
        call = softphone()
        for keys in ("8", "1", id_number.replace("X", "*") + "#", "1", "999999#", "0000"):
            last = call.press(keys)
        heard.append(said(last))
    assert heard[0] == heard[1] and fragment("identify.failed", "en") in heard[0]


def test_a_wrong_token_is_refused_by_the_hotline(softphone):
    call = softphone(token="not-the-token")
    assert call.ended and "HTTP 403" in call.error
