"""Each engine's signature, and which engines may call at all (VOICE_ENGINE)."""

import hashlib
import hmac
import json
import time

import pytest
from sqlalchemy import func, select
from twilio.request_validator import RequestValidator

from ivr import create_app
from ivr.platform.config import ConfigError
from ivr.store import Call, db
from tests.support.known import JAMBONZ_SECRET

CALL = {"call_sid": "b7d1c0f4-0000-4000-8000-000000000001", "from": "+8613800138000", "to": "96102"}


def calls_stored(app):
    with app.app_context():
        count = db.session.scalar(select(func.count()).select_from(Call))
        db.session.commit()
        return count


def signed(body, secret=JAMBONZ_SECRET, at=None):
    """jambonz's header for `body`, computed here from its documented recipe."""
    stamp = int(at if at is not None else time.time())
    digest = hmac.new(secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
    return {"Jambonz-Signature": f"t={stamp},v1={digest}", "Content-Type": "application/json"}


def post_json(client, body, headers):
    return client.post("/voice/incoming", data=body, headers=headers)


def sentences(text):
    """A say's text: one string, or jambonz's array of them said in turn."""
    return " ".join(text) if isinstance(text, list) else text or ""


def test_a_signed_jambonz_call_is_answered_with_json_verbs(app, client):
    body = json.dumps(CALL).encode()
    response = post_json(client, body, signed(body))
    assert response.status_code == 200 and response.mimetype == "application/json"
    heard = " ".join(
        sentences(verb.get("text")) + sentences(verb.get("say", {}).get("text")) for verb in response.get_json()
    )
    assert "挂失社保卡请按1" in heard and "For English, press 8" in heard
    assert calls_stored(app) == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"Content-Type": "application/json"},  # unsigned
        "another secret",
        "stale",
        "tampered",
        "malformed",
    ],
)
def test_a_jambonz_request_it_did_not_sign_is_refused_and_changes_nothing(app, client, headers):
    body = json.dumps(CALL).encode()
    if headers == "another secret":
        headers = signed(body, secret="someone-elses-secret")
    elif headers == "stale":
        headers = signed(body, at=time.time() - 301)
    elif headers == "tampered":
        headers = signed(json.dumps({**CALL, "from": "+8613900000000"}).encode())
    elif headers == "malformed":
        headers = {"Jambonz-Signature": "t=soon,v1=", "Content-Type": "application/json"}
    assert post_json(client, body, headers).status_code == 403
    assert calls_stored(app) == 0


def test_an_engine_not_enabled_is_refused(app_config, clock):
    app = create_app({**app_config, "VOICE_ENGINE": "twilio"})
    body = json.dumps(CALL).encode()
    assert post_json(app.test_client(), body, signed(body)).status_code == 403
    db.engine.dispose()


def test_production_with_jambonz_needs_its_webhook_secret(app_config):
    config = {**app_config, "IVR_ENV": "production", "VOICE_ENGINE": "jambonz", "TWILIO_AUTH_TOKEN": None}
    with pytest.raises(ConfigError, match="JAMBONZ_WEBHOOK_SECRET"):
        create_app({**config, "JAMBONZ_WEBHOOK_SECRET": None})
    create_app(config)  # jambonz alone needs no Twilio token
    db.engine.dispose()


def test_signalwire_signs_with_its_signing_key(app_config, clock):
    app = create_app({**app_config, "TWILIO_AUTH_TOKEN": None, "SIGNALWIRE_SIGNING_KEY": "PSK_signing_key"})
    client = app.test_client()
    form = {"CallSid": "CA" + "5" * 32, "From": "+8613800138000"}

    def post(key, header="X-SignalWire-Signature"):
        headers = {header: RequestValidator(key).compute_signature("http://localhost/voice/incoming", form)}
        return client.post("/voice/incoming", data=form, headers=headers).status_code

    assert post("someone-elses-key") == 403
    assert post("PSK_signing_key", header="X-Twilio-Signature") == 403  # no Twilio token configured
    assert client.post("/voice/incoming", data=form).status_code == 403
    assert post("PSK_signing_key") == 200
    db.engine.dispose()


def test_a_retried_jambonz_request_is_answered_once(app, client, cardholders):
    start = json.dumps(CALL).encode()
    post_json(client, start, signed(start))
    choice = json.dumps({**CALL, "digits": "1", "reason": "dtmfDetected"}).encode()
    first = client.post("/voice/language?t=1", data=choice, headers=signed(choice))
    again = client.post("/voice/language?t=1", data=choice, headers=signed(choice))
    assert first.status_code == again.status_code == 200 and again.mimetype == "application/json"
    assert first.get_json() == again.get_json()
    assert "挂失社保卡请按1" in json.dumps(first.get_json(), ensure_ascii=False)


@pytest.mark.parametrize("body", [b"[]", b"not json", json.dumps({**CALL, "call_sid": ["x"]}).encode()])
def test_a_signed_body_that_is_no_call_gets_the_apology_and_changes_nothing(app, client, body):
    response = post_json(client, body, signed(body))
    assert response.status_code == 200 and response.mimetype == "application/json"
    verbs = response.get_json()
    assert verbs[-1] == {"verb": "hangup"} and "很抱歉" in verbs[0]["text"]
    assert calls_stored(app) == 0


def test_an_unknown_engine_refuses_to_start_naming_it(app_config):
    with pytest.raises(ConfigError, match="VOICE_ENGINE='asterisk'"):
        create_app({**app_config, "VOICE_ENGINE": "asterisk"})
