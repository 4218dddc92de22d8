"""The edge Twilio talks to: signatures, retries, junk, and failures all get an answer, never a 500."""

import xml.etree.ElementTree as ET

import pytest
from sqlalchemy import func, select

from ivr.store import Call, OutgoingMessage, PrelossReport
from tests.support.calls import keys_for, report_call
from tests.support.known import HOLDERS


def said(response):
    root = ET.fromstring(response.data)
    assert root.tag == "Response"
    return " ".join("".join(el.itertext()) for el in root.iter("Say"))


def test_unsigned_request_is_refused(client):
    response = client.post("/voice/incoming", data={"CallSid": "CA" + "1" * 32})
    assert response.status_code == 403


def test_wrongly_signed_request_is_refused(client):
    headers = {"X-Twilio-Signature": "bm90IGEgc2lnbmF0dXJl"}
    response = client.post("/voice/incoming", data={"CallSid": "CA" + "1" * 32}, headers=headers)
    assert response.status_code == 403


def test_signature_made_with_another_token_is_refused(client, make_phone):
    forged = make_phone(client, "someone-elses-token")
    assert forged.post("/voice/incoming", {"CallSid": "CA" + "1" * 32}).status_code == 403


def test_signature_is_checked_against_the_public_url(app_config, clock):
    from ivr import create_app
    from ivr.store import db

    app = create_app({**app_config, "PUBLIC_BASE_URL": "https://hotline.example.cn"})
    client = app.test_client()
    params = {"CallSid": "CA" + "2" * 32}
    from twilio.request_validator import RequestValidator

    signer = RequestValidator("test-auth-token")
    public = signer.compute_signature("https://hotline.example.cn/voice/incoming", params)
    internal = signer.compute_signature("http://localhost/voice/incoming", params)
    assert client.post("/voice/incoming", data=params, headers={"X-Twilio-Signature": public}).status_code == 200
    assert client.post("/voice/incoming", data=params, headers={"X-Twilio-Signature": internal}).status_code == 403
    db.engine.dispose()


def test_a_signature_over_the_url_with_its_default_port_is_accepted(app_config, clock):
    # Twilio has signed https://host:443/... for some numbers; its library accepts either form.
    from twilio.request_validator import RequestValidator

    from ivr import create_app
    from ivr.store import db

    app = create_app({**app_config, "PUBLIC_BASE_URL": "https://hotline.example.cn"})
    params = {"CallSid": "CA" + "3" * 32}
    with_port = RequestValidator("test-auth-token").compute_signature(
        "https://hotline.example.cn:443/voice/incoming", params
    )
    response = app.test_client().post("/voice/incoming", data=params, headers={"X-Twilio-Signature": with_port})
    assert response.status_code == 200
    db.engine.dispose()


def test_a_signature_of_strange_characters_is_refused_not_a_crash(client):
    headers = {"X-Twilio-Signature": "签名=="}
    assert client.post("/voice/incoming", data={"CallSid": "CA" + "1" * 32}, headers=headers).status_code == 403


def test_webhooks_get_no_cookie_session(app):
    # A call's state lives in the database by CallSid: a webhook that tried to keep some in Flask's
    # cookie session must fail here, not work on one web host and not on the next.
    from flask import session

    with app.test_request_context("/voice/incoming", method="POST"), pytest.raises(RuntimeError):
        session["step"] = "menu"
    with app.test_request_context("/console/"):
        session["seen"] = True  # the console's browser sessions are unchanged


@pytest.mark.parametrize(
    "form",
    [
        {},
        {"CallSid": ""},
        {"CallSid": "x" * 500},
        {"CallSid": "CA<script>"},
    ],
)
@pytest.mark.parametrize("path", ["/voice/incoming", "/voice/menu/choice", "/voice/identify/id"])
@pytest.mark.one_engine("twilio", reason="posts Twilio's form and parses TwiML")
def test_junk_requests_get_an_apology_in_twiml(phone, form, path):
    response = phone.post(path, form)
    assert response.status_code == 200
    assert "系统暂时出现故障" in said(response) and "Please call" in said(response)


@pytest.mark.parametrize("digits", ["abc", "1" * 1000, "<>&", "１"])
def test_strange_digits_at_the_menu_are_a_wrong_key(phone, digits):
    call = phone.dial(language="en")
    call.press(digits)
    assert "not one of the choices" in call.heard and "press 1" in call.heard


@pytest.mark.one_engine("twilio", reason="posts Twilio's form and parses TwiML")
def test_unknown_call_starts_over(phone):
    response = phone.post("/voice/menu/choice?t=3", {"CallSid": "CA" + "9" * 32, "Digits": "1"})
    root = ET.fromstring(response.data)
    assert root.find("Redirect").text == "/voice/incoming"


@pytest.mark.one_engine("twilio", reason="posts Twilio's form and parses TwiML")
def test_a_request_out_of_order_returns_to_the_menu(phone, cardholders):
    call = phone.dial(language="en")
    stale = phone.post("/voice/preloss/confirm?t=1", call.params(Digits="1"))
    assert "lost track" in said(stale) and "To report a lost card, press 1" in said(stale)
    assert ET.fromstring(stale.data).find("Gather").get("action").startswith("/voice/menu/choice")


def test_a_step_that_needs_no_keys_is_said_in_the_reply_that_leads_to_it(phone):
    # Key 1 at the menu used to answer with a <Redirect>: a second webhook, and a moment of
    # silence on the line, only to ask for the ID number.
    call = phone.dial(language="en")
    posted = call.requests
    call.press("1")
    assert call.requests == posted + 1
    assert "Key your 18-digit ID number" in call.heard
    assert "/voice/identify/id?t=" in call.action


def test_a_verified_caller_hears_the_offer_in_the_answer_to_the_last_question(phone, cardholders, session):
    call = phone.dial(language="en")
    for keys in ("1", keys_for(HOLDERS["zhang"]), "1", HOLDERS["zhang"]["service_password"] + "#"):
        call.press(keys)
    posted = call.requests
    call.press(HOLDERS["zhang"]["mobile"][-4:])
    assert call.requests == posted + 1
    assert "To report it, press 1" in call.heard
    stored = session.scalar(select(Call).where(Call.call_sid == call.sid))
    assert stored.step == "preloss_confirm" and stored.verified


def test_steps_that_lead_to_each_other_leave_twilio_a_redirect_after_a_few(app_config, make_phone, clock):
    from flask import Blueprint

    from ivr import create_app
    from ivr.console.security import csrf
    from ivr.store import db
    from ivr.voice.turn_taking import STEPS_PER_WEBHOOK
    from ivr.voice.webhook import voice_step

    app = create_app(app_config)
    loop = Blueprint("loop", __name__, url_prefix="/voice/loop")
    csrf.exempt(loop)  # like the real flows: Twilio posts here, not a console form

    @loop.post("/ping")
    @voice_step(runs_in_place=True)
    def ping(turn):
        turn.reply.say("common.goodbye").redirect("loop.pong")

    @loop.post("/pong")
    @voice_step(runs_in_place=True)
    def pong(turn):
        turn.reply.say("common.goodbye").redirect("loop.ping")

    app.register_blueprint(loop)
    phone = make_phone(app.test_client())
    call = phone.dial(language="en")
    turn = call.action.rsplit("t=", 1)[1]
    answer = ET.fromstring(phone.post(f"/voice/loop/ping?t={turn}", call.params()).data)
    assert [verb.tag for verb in answer] == ["Say"] * (STEPS_PER_WEBHOOK + 1) + ["Redirect"]
    assert answer[-1].text.startswith("/voice/loop/")
    db.engine.dispose()


def test_retried_webhook_files_one_report_and_one_sms(phone, cardholders, session):
    call = report_call(phone, HOLDERS["zhang"])
    action, params = call.action, call.params(Digits="1")
    first = phone.post(action, params)
    again = phone.post(action, params)
    assert first.data == again.data
    assert session.scalar(select(func.count()).select_from(PrelossReport)) == 1
    kinds = session.scalars(select(OutgoingMessage.kind)).all()
    assert kinds.count("preloss_confirmation") == 1


def test_database_error_gets_an_apology_and_changes_nothing(phone, cardholders, session, monkeypatch):
    from ivr.cards import reports

    call = report_call(phone, HOLDERS["zhang"])

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(reports, "new_reference", broken)
    call.press("1")
    assert "系统暂时出现故障" in call.heard and call.ended
    assert session.scalar(select(func.count()).select_from(PrelossReport)) == 0


@pytest.mark.one_engine(
    "twilio",
    reason="Twilio's Fallback URL; jambonz's closing apology: tests/voice/test_jambonz_dialect.py",
)
def test_fallback_url_apologises(phone):
    response = phone.post("/voice/fallback", {"CallSid": "CA" + "3" * 32, "ErrorCode": "11200"})
    assert response.status_code == 200 and "Please call" in said(response)


def test_status_callback_marks_an_unfinished_call_abandoned(phone, cardholders, session):
    call = phone.dial(language="en")
    call.press("1")
    call.hang_up(duration=42)
    row = session.scalar(select(Call))
    assert (row.outcome, row.duration_s, row.step) == ("abandoned", 42, "id_number")


def test_status_callback_keeps_the_outcome_of_a_finished_call(phone, cardholders, session):
    call = report_call(phone, HOLDERS["zhang"])
    call.press("1")
    call.hang_up()
    assert session.scalar(select(Call.outcome)) == "report_filed"


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json["status"] == "ok"


@pytest.mark.one_engine("twilio", reason="about TwiML's encoding")
def test_twiml_is_utf8_xml(phone):
    response = phone.post("/voice/incoming", {"CallSid": "CA" + "4" * 32})
    assert response.headers["Content-Type"] == "text/xml; charset=utf-8"
    assert "这里是" in response.data.decode("utf-8")


@pytest.mark.parametrize("path", ["/voice/preloss/confirm", "/voice/cancel/confirm"])
def test_skipping_the_identity_check_leads_back_to_it(phone, cardholders, session, path):
    call = phone.dial(language="en")
    turn = call.action.split("t=")[1]
    call.action = f"{path}?t={turn}"  # a forged next step, with the turn the call is really on
    call.press("1")
    assert "Key your 18-digit ID number" in call.heard
    assert session.scalar(select(func.count()).select_from(PrelossReport)) == 0
