"""The browser softphone's JSON API: calls kept in the database, keyed digits never kept, access rules."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from ivr import create_app
from ivr.softphone import access, browser
from ivr.store import Call, SoftphoneCall, db
from tests.support.calls import identity_keys
from tests.support.known import HOLDERS, START

API = "/softphone/api/calls"


def said(view):
    return " ".join(e["text"] for e in view["events"] if e["type"] == "say")


@pytest.fixture
def hook():
    yield access.set_hook
    access.set_hook(None)


def dial(client, caller="+8613500000000"):
    response = client.post(API, json={"from": caller})
    assert response.status_code == 201, response.json
    return response.json


def press(client, call_id, keys):
    response = client.post(f"{API}/{call_id}/keys", json={"keys": keys})
    assert response.status_code == 200, response.json
    return response.json


def test_a_report_call_from_the_browser_shows_its_sms(client, cardholders, session):
    holder = HOLDERS["zhang"]
    first = dial(client, "+8613111112222")
    assert {e["language"] for e in first["events"] if e["type"] == "say"} == {"zh-CN", "en-US"}
    # The menu listens for words too: the page shows its "Say it instead" box.
    assert first["waiting"] == {"num_digits": 1, "finish_on_key": "#", "timeout": 8, "speech": True}
    call_id = first["id"]
    for keys in identity_keys(holder, language="zh"):
        view = press(client, call_id, keys)
    assert view["sms"] == []
    view = press(client, call_id, "1")
    assert view["language"] == "zh-CN" and "挂失成功" in said(view)
    assert [m["kind"] for m in view["sms"]] == [
        "preloss_confirmation",
        "formal_report_reminder",
        "formal_report_reminder",
    ]
    assert all(m["to"] == "+86 138****8000" for m in view["sms"])
    assert [e["keys"] for e in view["events"] if e["type"] == "keys"] == ["•"]

    again = client.get(f"{API}/{call_id}").json
    assert [e["keys"] for e in again["events"] if e["type"] == "keys"][1] == "•" * 19  # the ID number, masked
    stored = session.scalar(select(SoftphoneCall.state))
    for secret in ("11010519491231002", holder["service_password"]):
        assert secret not in stored


def test_hanging_up_ends_the_call_for_the_hotline_too(client, session):
    call_id = dial(client)["id"]
    view = client.post(f"{API}/{call_id}/hangup", json={}).json
    assert view["ended"] and view["waiting"] is None
    assert view["events"][-1] == {"type": "end", "reason": "caller", "line": "通话结束：您挂机了。"}
    refused = client.post(f"{API}/{call_id}/keys", json={"keys": "1"})
    assert refused.status_code == 409 and refused.json["reason"] == "通话已经结束"
    assert session.scalar(select(Call.twilio_status)) == "completed"


@pytest.mark.parametrize("body", [{"keys": "12a"}, {"keys": 1}, {"keys": "1" * 65}, {"keys": ["1"]}, ["1"]])
def test_keys_no_keypad_has_are_refused(client, body):
    call_id = dial(client)["id"]
    response = client.post(f"{API}/{call_id}/keys", json=body)
    assert response.status_code == 400 and response.json["reason"]
    assert client.get(f"{API}/{call_id}").json["waiting"] is not None, "the call still waits"


@pytest.mark.parametrize("caller", ["12", "+86 138", "<script>", "1" * 25])
def test_a_caller_number_that_is_not_one_is_refused(client, caller, session):
    response = client.post(API, json={"from": caller})
    assert response.status_code == 400 and "主叫号码" in response.json["reason"]  # the page's label
    assert session.scalar(select(Call)) is None


@pytest.mark.parametrize("engine, enabled", [("asterisk", "twilio,jambonz"), ("jambonz", "twilio")])
def test_an_engine_voice_engine_does_not_let_call_is_refused(app, client, session, engine, enabled):
    app.config["VOICE_ENGINE"] = enabled
    response = client.post(API, json={"from": "+8613500000000", "engine": engine})
    assert response.status_code == 400 and "VOICE_ENGINE" in response.json["reason"]
    assert session.scalar(select(Call)) is None


def test_a_jambonz_call_keeps_its_dialect_between_key_presses(client, session):
    response = client.post(API, json={"from": "+8613500000000", "engine": "jambonz"})
    assert response.status_code == 201 and response.json["engine"] == "jambonz"
    after = press(client, response.json["id"], "8")
    assert after["engine"] == "jambonz" and "To report a lost card, press 1." in said(after)


def test_a_form_post_is_refused(client):
    response = client.post(API, data={"from": "+8613500000000"})
    assert response.status_code == 415


def test_an_unknown_call_is_not_found(client):
    assert client.post(f"{API}/nope/keys", json={"keys": "1"}).status_code == 404
    assert client.get(f"{API}/nope").status_code == 404


def test_a_press_that_raced_another_is_refused(app, client):
    call_id = dial(client)["id"]

    def press_while_another_request_saves(call):
        with db.new_session() as other:
            other.execute(update(SoftphoneCall).values(version=SoftphoneCall.version + 1))
        return call.press("2")

    with pytest.raises(browser.CallMoved):
        browser.act(db, app, call_id, press_while_another_request_saves, owner=None, now=START)


def test_old_calls_are_cleared_when_a_new_one_starts(client, clock, session):
    old = dial(client)["id"]
    clock.advance(timedelta(hours=25))
    new = dial(client)["id"]
    assert session.scalars(select(SoftphoneCall.id)).all() == [new] and old != new


def test_the_page_and_its_files_are_served(client):
    page = client.get("/softphone")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    for needed in ('data-key="#"', 'id="transcript"', 'id="sms"', "softphone.js", "softphone.css"):
        assert needed in html
    for name, kind in (("softphone.js", "text/javascript"), ("softphone.css", "text/css")):
        static = client.get(f"/softphone/static/{name}")
        assert static.status_code == 200 and static.mimetype == kind
        static.close()


@pytest.fixture
def production(app_config, clock):
    app = create_app({**app_config, "IVR_ENV": "production"})
    yield app.test_client()
    db.engine.dispose()


def test_production_hides_the_softphone_without_a_signed_in_supervisor(production, hook):
    assert production.get("/softphone").status_code == 404
    assert production.post(API, json={}).status_code == 404
    hook(lambda: None)
    assert production.get("/softphone").status_code == 404


def test_production_serves_a_supervisor_their_own_calls_only(production, hook):
    hook(lambda: "alice")
    assert production.get("/softphone").status_code == 200
    call_id = dial(production)["id"]
    assert production.get(f"{API}/{call_id}").status_code == 200
    hook(lambda: "bob")
    assert production.get(f"{API}/{call_id}").status_code == 404
    assert production.post(f"{API}/{call_id}/keys", json={"keys": "1"}).status_code == 404
