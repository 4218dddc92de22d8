"""JSON logs with the request and the call on every line, nothing personal in them; metrics; probes."""

import dataclasses
import io
import json
import logging
import re
from datetime import timedelta

import pytest
from twilio.request_validator import RequestValidator

from ivr import create_app
from ivr.platform import logs
from ivr.store import db
from tests.support.app import holders_csv
from tests.support.calls import fail_verification, report_call
from tests.support.known import HOLDERS, TOKEN
from tests.support.sms import permanent_error, queue_sms, scripted_gateway, tick, transient_error, unknown_outcome


@pytest.fixture
def log_lines():
    """Everything logged while the test runs, as the production handler writes it (JSON lines)."""
    stream = io.StringIO()
    handler = logs.configure("DEBUG", "json", stream=stream)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logging.getLogger().removeHandler(handler)
    logging.getLogger().setLevel(logging.WARNING)


def test_every_line_of_a_webhook_carries_its_request_id_and_call_sid(phone, cardholders, log_lines):
    call = phone.dial(language="en")
    for keys in ("1", "110101198001010053#", "1", "135790#", "5678"):
        call.press(keys)
    webhooks = [line for line in log_lines() if line.get("step")]
    assert len(webhooks) >= 6
    assert {line["call_sid"] for line in webhooks} == {call.sid}
    assert len({line["request_id"] for line in webhooks}) == len(webhooks)  # one id per request
    assert {line["outcome"] for line in webhooks} == {"answered"}
    every = [line for line in log_lines() if line.get("request_id")]
    assert all(line.get("call_sid") == call.sid for line in every)


def test_a_refused_webhook_is_logged_with_its_ids(phone, log_lines):
    response = phone.post("/voice/incoming", {"CallSid": "CA" + "7" * 32}, sign=False)
    assert response.status_code == 403
    refused = [line for line in log_lines() if "signature" in line["message"]]
    assert refused and refused[0]["call_sid"] == "CA" + "7" * 32
    assert refused[0]["request_id"] == response.headers["X-Request-Id"]


def test_nothing_personal_reaches_the_json_log(phone, cardholders, log_lines, app):
    report_call(phone, HOLDERS["zhang"]).press("1")
    call = phone.dial(caller="+8613912345678", language="en")
    for keys in ("1", "110101198001010053#", "1", "000000#", "5678"):
        call.press(keys)
    logging.getLogger("ivr.test").error("oops with %s and %s", "+8613800138000", "11010519491231002X")
    written = "\n".join(json.dumps(line, ensure_ascii=False) for line in log_lines())
    assert "oops" in written
    for holder in HOLDERS.values():
        assert holder["id_number"] not in written and holder["id_number"][:17] not in written
        assert holder["mobile"] not in written
        assert holder["service_password"] not in written
    assert "8613800138000" not in written and "8613912345678" not in written
    # identity digits (the mobile's last four, as keyed) alone, not inside a hex id
    assert not re.search(r"(?<![0-9a-fA-F])5678(?![0-9a-fA-F])", written)


def test_a_request_id_from_a_trusted_proxy_is_kept(app_config):
    app = create_app({**app_config, "TRUSTED_PROXIES": 1})
    response = app.test_client().get("/healthz", headers={"X-Request-Id": "lb-42"})
    assert response.headers["X-Request-Id"] == "lb-42"
    anyone = create_app(app_config).test_client().get("/healthz", headers={"X-Request-Id": "lb-42"})
    assert anyone.headers["X-Request-Id"] != "lb-42"


# --- metrics ---------------------------------------------------------------------------


def scrape(client, token="scrape-token"):
    response = client.get("/metrics", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    values = {}
    for line in response.data.decode().splitlines():
        if line and not line.startswith("#"):
            name, value = line.rsplit(" ", 1)
            values[name] = float(value)
    return values


@pytest.fixture
def metered(app_config, clock):
    app = create_app({**app_config, "METRICS_TOKEN": "scrape-token"})
    yield app
    db.engine.dispose()


def test_metrics_are_not_public(metered, client):
    assert metered.test_client().get("/metrics").status_code == 404
    assert metered.test_client().get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 404
    assert client.get("/metrics", headers={"Authorization": "Bearer "}).status_code == 404  # no token set


def test_metrics_count_webhooks_reports_and_read_the_outbox_at_scrape_time(metered, clock, make_phone):
    from ivr.directory.cardholder_csv import import_csv

    with metered.app_context(), db.new_session() as session:
        import_csv(session, io.StringIO(holders_csv("zhang")), metered.config)
    client = metered.test_client()
    before = scrape(client)
    call = report_call(make_phone(client, TOKEN), HOLDERS["zhang"])
    call.press("1")
    queue_sms(metered, due_at=clock.now - timedelta(minutes=5), subject="report:99")
    after = scrape(client)

    def grew(name):
        return after.get(name, 0) - before.get(name, 0)

    assert grew("hotline_reports_filed_total") == 1
    assert grew('hotline_webhooks_total{outcome="answered"}') >= 7
    assert grew('hotline_webhook_seconds_count{step="voice.preloss.confirm"}') == 1
    assert after["hotline_calls_in_progress"] >= 1
    assert after["hotline_outbox_due"] >= 2  # the confirmation SMS and the queued reminder
    assert after["hotline_outbox_oldest_due_seconds"] == pytest.approx(300, abs=1)


def test_wrong_answers_and_lockouts_are_counted(metered, make_phone):
    from ivr.directory.cardholder_csv import import_csv

    with metered.app_context(), db.new_session() as session:
        import_csv(session, io.StringIO(holders_csv("li")), metered.config)
    client = metered.test_client()
    before = scrape(client)
    phone = make_phone(client, TOKEN)
    for times in (3, 2):
        fail_verification(phone, "110101198001010053#", times)
    after = scrape(client)
    assert after["hotline_verifications_failed_total"] - before.get("hotline_verifications_failed_total", 0) >= 5
    assert after["hotline_lockouts_total"] - before.get("hotline_lockouts_total", 0) == 1


# --- probes and proxies ----------------------------------------------------------------


def test_readyz_says_when_the_schema_is_not_at_head(app_config, tmp_path):
    empty = create_app({**app_config, "DATABASE_URL": f"sqlite:///{tmp_path}/empty.sqlite3"})
    response = empty.test_client().get("/readyz")
    assert response.status_code == 503 and response.json["schema"] == "empty"
    assert empty.test_client().get("/healthz").status_code == 200
    db.engine.dispose()


def test_readyz_is_ok_on_a_migrated_database(client):
    response = client.get("/readyz")
    assert response.status_code == 200 and response.json == {"status": "ok", "database": "ok", "schema": "ok"}


def signed_through_a_proxy(client):
    public = "https://hotline.example.cn/voice/incoming"
    params = {"CallSid": "CA" + "5" * 32, "From": "+8613800138000"}
    signature = RequestValidator(TOKEN).compute_signature(public, params)
    return client.post(
        "/voice/incoming",
        data=params,
        headers={
            "X-Twilio-Signature": signature,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": "hotline.example.cn",
            "X-Forwarded-For": "203.0.113.9",
        },
    )


def test_signatures_validate_behind_a_trusted_load_balancer(app_config):
    behind = create_app({**app_config, "TRUSTED_PROXIES": 1})
    assert signed_through_a_proxy(behind.test_client()).status_code == 200
    db.engine.dispose()


def test_forwarded_headers_from_anyone_are_not_trusted(client):
    assert signed_through_a_proxy(client).status_code == 403


def test_the_senders_lines_carry_the_message_id_and_the_job(app, clock, log_lines):
    from scheduler.jobs import JOBS, observed

    message_id = queue_sms(app, kind="preloss_confirmation", due_at=clock.now)
    gateway = scripted_gateway(unknown_outcome())
    dispatch = next(job for job in JOBS if job.id == "dispatch-messages")
    observed(dataclasses.replace(dispatch, run=lambda app: dispatch.run(app, gateway=gateway)), app)
    [line] = [line for line in log_lines() if "outcome unknown" in line["message"]]
    assert line["message_id"] == message_id and line["job"] == "dispatch-messages"
    assert "8613800138000" not in json.dumps(line)


def test_sms_outcomes_are_counted_by_kind(metered, clock):
    client = metered.test_client()
    before = scrape(client)
    queue_sms(metered, kind="lockout_alert", subject="lockout:1", due_at=clock.now)
    queue_sms(metered, kind="lockout_alert", subject="lockout:2", due_at=clock.now)
    tick(metered, scripted_gateway(transient_error(), permanent_error()))
    after = scrape(client)

    def grew(outcome):
        name = f'hotline_sms_total{{kind="lockout_alert",outcome="{outcome}"}}'
        return after.get(name, 0) - before.get(name, 0)

    assert (grew("retried"), grew("failed"), grew("sent")) == (1, 1, 0)
