"""The real twilio.rest.Client against Prism serving Twilio's own OpenAPI spec: requests are valid, errors sorted."""

import os
import shutil
import socket
import subprocess
import time
from datetime import UTC

import pytest
from twilio.http.response import Response

from ivr.messaging.envelope import Envelope, SendError, UnknownOutcome
from ivr.messaging.twilio_gateway import TwilioGateway
from tests.support import processes
from tests.support.sms import queue_sms, stored_message, tick
from tests.support.twilio_http import local_twilio

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPEC = os.path.join("..", "shared", "twilio-oai", "twilio_api_v2010.json")  # relative to ROOT
SID = "AC" + "0" * 32


def prism_command():
    """(command, None) to run Prism, or (None, why the tests that need it are skipped).

    Prism comes from `npm ci` (package.json pins it); the tests never fetch it themselves: a download
    at test time is slow, needs the internet, and left `node` orphaned holding the output pipe.
    PRISM names another Prism executable (the tests of this fixture use it to hide the installed one).
    """
    local = os.environ.get("PRISM") or os.path.join(ROOT, "node_modules", ".bin", "prism")
    if not shutil.which("node"):
        return None, "Node.js is not installed: the Prism mock of Twilio's API needs it (then run `npm ci`)"
    if not os.path.exists(local):
        return None, "Prism is not installed: run `npm ci` in the repository root to run the Twilio mock tests"
    return [local], None


def free_port():
    """A port nothing listens on now; Prism cannot take port 0 itself, so ask the kernel for one."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_listening(process, output, seconds):
    """True once Prism says it listens; False when it ended or `seconds` passed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        if "listening" in output.read_text(errors="replace").lower():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture(scope="module")
def prism(tmp_path_factory):
    """Prism mocking Twilio's API on a free loopback port for this module's tests."""
    command, missing = prism_command()
    if command is None:
        pytest.skip(missing)
    if not os.path.exists(os.path.join(ROOT, SPEC)):
        pytest.skip(f"Twilio's OpenAPI spec is not at {SPEC} (relative to the repository root)")
    port = free_port()
    # Its output goes to a file: a pipe would be held open by whatever Prism starts in turn.
    output = tmp_path_factory.mktemp("prism") / "prism.log"
    with output.open("w") as log:
        process = processes.start(
            command + ["mock", "--host", "127.0.0.1", "--port", str(port), SPEC],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        if not wait_for_listening(process, output, seconds=120):
            pytest.fail(f"Prism did not start on port {port}:\n{output.read_text(errors='replace')[-2000:]}")
        yield f"http://127.0.0.1:{port}"
    finally:
        processes.stop(process)


def gateway(http_client):
    config = {
        "TWILIO_ACCOUNT_SID": SID,
        "TWILIO_AUTH_TOKEN": "token",
        "TWILIO_FROM_NUMBER": "+15005550006",
        "PUBLIC_BASE_URL": "https://hotline.example.org",
        "SMS_HTTP_TIMEOUT": 5,
    }
    return TwilioGateway.from_config(config, http_client=http_client)


REMINDER = Envelope(7, "formal_report_reminder", "+8613800138000", "【热线】提醒", "zh", validity_seconds=3600)


def test_a_reminder_is_a_valid_twilio_request(prism):
    http = local_twilio(prism)
    sid = gateway(http).send(REMINDER)
    assert sid.startswith("SM")
    (sent,) = http.seen
    assert sent["To"] == "+8613800138000" and sent["From"] == "+15005550006"
    assert sent["ValidityPeriod"] == 3600
    assert sent["StatusCallback"] == "https://hotline.example.org/sms/status?m=7"


def test_bad_credentials_are_retried_later_with_the_reason(prism):
    with pytest.raises(SendError) as caught:
        gateway(local_twilio(prism, drop_auth=True)).send(REMINDER)
    assert not caught.value.permanent and "401" in str(caught.value)


def test_a_request_twilio_cannot_accept_fails_at_once(prism):
    with pytest.raises(SendError) as caught:
        gateway(local_twilio(prism, drop={"To"})).send(REMINDER)
    assert caught.value.permanent and "422" in str(caught.value)


@pytest.mark.parametrize(
    "status, code, permanent",
    [
        (500, 20500, False),
        (503, 20503, False),
        (429, 20429, False),
        (400, 21211, True),
        (400, 21610, True),
    ],
)
def test_twilio_errors_are_sorted_into_retry_or_fail(status, code, permanent):
    body = f'{{"code": {code}, "message": "scripted", "status": {status}}}'
    with pytest.raises(SendError) as caught:
        gateway(local_twilio("unused", answer=Response(status, body))).send(REMINDER)
    assert caught.value.permanent is permanent and str(code) in str(caught.value)


def test_no_answer_in_time_is_an_unknown_outcome_not_a_failure():
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))  # a port of the kernel's choosing: two runs never share one
    silent.listen(1)  # accepts the connection, never answers
    try:
        with pytest.raises(UnknownOutcome):
            gateway(local_twilio(f"http://127.0.0.1:{silent.getsockname()[1]}", timeout=0.5)).send(REMINDER)
    finally:
        silent.close()


def test_a_connection_refused_is_retried_later():
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))  # bound but not listening: a connection to it is refused
    try:
        with pytest.raises(SendError) as caught:
            gateway(local_twilio(f"http://127.0.0.1:{closed.getsockname()[1]}")).send(REMINDER)
    finally:
        closed.close()
    assert not caught.value.permanent


def test_looking_up_a_message_is_a_valid_request_and_a_different_body_is_not_ours(prism):
    from datetime import datetime

    found = gateway(local_twilio(prism)).lookup(REMINDER, since=datetime(2026, 11, 25, tzinfo=UTC))
    assert found is not None and found.status == "not_sent"  # Prism's example message has another body


def test_a_lookup_twilio_cannot_answer_leaves_the_decision_to_an_operator(prism):
    from datetime import datetime

    found = gateway(local_twilio(prism, drop_auth=True)).lookup(REMINDER, since=datetime(2026, 11, 25, tzinfo=UTC))
    assert found is None


@pytest.mark.parametrize("missing", ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM_NUMBER"])
def test_the_twilio_backend_says_which_setting_is_missing(missing):
    from ivr.platform.config import ConfigError

    config = {
        "TWILIO_ACCOUNT_SID": SID,
        "TWILIO_AUTH_TOKEN": "token",
        "TWILIO_FROM_NUMBER": "+15005550006",
        "SMS_HTTP_TIMEOUT": 5,
        missing: None,
    }
    with pytest.raises(ConfigError, match=missing):
        TwilioGateway.from_config(config)


def test_the_engine_sends_a_due_reminder_through_the_real_client(prism, app, clock):
    mid = queue_sms(app, kind="preloss_confirmation", due_at=clock.now, body="【社会保障卡服务热线】您的社保卡已挂失")
    http = local_twilio(prism)
    tick(app, gateway(http))
    row = stored_message(app, mid)
    assert row.state == "sent" and row.provider_sid.startswith("SM")
    assert http.seen[0]["Body"] == "【社会保障卡服务热线】您的社保卡已挂失"
    assert "ValidityPeriod" not in http.seen[0]  # a confirmation may be delivered at any hour
