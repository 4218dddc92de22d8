"""Several web processes on one PostgreSQL: a call moves between them, survives one dying; two
schedulers started by mistake send each SMS once."""

import io
import time

import pytest
from sqlalchemy import func, select

from ivr import create_app
from ivr.directory.cardholder_csv import import_csv
from ivr.store import OutgoingMessage, PrelossReport, db
from tests.support.app import holders_csv, read_sms
from tests.support.calls import keys_for
from tests.support.known import BASE, HOLDERS, TOKEN
from tests.support.servers import http_client
from tests.support.sms import queue_sms


@pytest.fixture
def shared_db(tmp_path, fresh_schema):
    """One migrated PostgreSQL schema with the test cardholders, and the settings every process uses."""
    url = fresh_schema("w13_instances")
    env = {
        "DATABASE_URL": url,
        "TWILIO_AUTH_TOKEN": TOKEN,
        "PUBLIC_BASE_URL": BASE,
        "RUN_SCHEDULER": "0",
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "SECRET_KEY": "instances-secret",
        "SMS_BACKEND": "file",
        "SMS_QUIET_HOURS": "",
        "SMS_DISPATCH_SECONDS": "1",
    }
    app = create_app({**env, "TESTING": True, "SMS_FILE": str(tmp_path / "unused.jsonl")})
    with app.app_context(), db.new_session() as session:
        import_csv(session, io.StringIO(holders_csv(*HOLDERS)), app.config)
    yield app, env
    db.engine.dispose()


def count(app, statement):
    with app.app_context(), db.new_session() as session:
        return session.scalar(statement)


def test_a_call_whose_webhooks_alternate_between_two_web_processes_completes(
    shared_db, tmp_path, make_phone, start_server
):
    app, env = shared_db
    first = start_server({**env, "SMS_FILE": str(tmp_path / "a.jsonl")})
    second = start_server({**env, "SMS_FILE": str(tmp_path / "b.jsonl")})
    try:
        client = http_client(first.base, second.base)
        call = make_phone(client, TOKEN).dial(language="en")
        for keys in ("1", keys_for(HOLDERS["li"]), "1", "135790#", "5678", "1"):
            call.press(keys)
        assert "reported lost and has stopped working" in call.all_heard  # the report was filed
        assert {first.base, second.base} == set(client.used)
    finally:
        first.stop()
        second.stop()
    assert count(app, select(func.count()).select_from(PrelossReport)) == 1


def test_a_web_process_killed_mid_call_and_the_other_carries_on(shared_db, tmp_path, make_phone, start_server):
    app, env = shared_db
    doomed = start_server({**env, "SMS_FILE": str(tmp_path / "a.jsonl")})
    survivor = start_server({**env, "SMS_FILE": str(tmp_path / "b.jsonl")})
    try:
        client = http_client(doomed.base)
        call = make_phone(client, TOKEN).dial(language="en")
        call.press("1")
        call.press(keys_for(HOLDERS["li"]))
        doomed.kill()  # the load balancer sends the next webhook elsewhere
        client.bases = [survivor.base]
        for keys in ("1", "135790#", "5678", "1"):
            call.press(keys)
        assert "reported lost and has stopped working" in call.all_heard  # the report was filed
    finally:
        doomed.stop()
        survivor.stop()
    assert count(app, select(func.count()).select_from(PrelossReport)) == 1


def test_two_schedulers_by_mistake_send_a_backlog_once(shared_db, tmp_path, start_scheduler, stop_process):
    app, env = shared_db
    from ivr.calendar import clock

    bodies = [f"backlog message {n}" for n in range(150)]
    for n, body in enumerate(bodies):
        queue_sms(app, kind="preloss_confirmation", subject=f"report:{n}", body=body, due_at=clock.now())
    files = [tmp_path / "one.jsonl", tmp_path / "two.jsonl"]
    schedulers = [start_scheduler({**env, "SMS_FILE": str(path)}) for path in files]
    try:
        for _ in range(600):
            left = count(app, select(func.count()).select_from(OutgoingMessage).where(OutgoingMessage.state != "sent"))
            if not left:
                break
            time.sleep(0.1)
        assert left == 0
    finally:
        for process in schedulers:
            stop_process(process)
    sent = [sms["body"] for path in files for sms in read_sms(path)]
    assert sorted(sent) == sorted(bodies)
