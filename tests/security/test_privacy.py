"""Full ID numbers, passwords, card numbers and full mobiles never reach where they need not be."""

import logging
import re

import pytest
from sqlalchemy import select, text

from ivr.store import Cardholder
from tests.support.app import holders_csv, read_sms
from tests.support.calls import identified, report_call
from tests.support.console import make_operator, parse_page, sign_in
from tests.support.known import HOLDERS, PHONE_COLUMNS
from tests.support.sweep import every_stored_value, leaks, secrets_of, stored_columns


def test_nothing_secret_is_stored_in_clear(phone, cardholders, session):
    report_call(phone, HOLDERS["zhang"]).press("1")
    report_call(phone, HOLDERS["li"], language="en").press("1")
    stored = every_stored_value(session)
    for holder in HOLDERS.values():
        assert holder["id_number"] not in stored
        assert holder["id_number"][:17] not in stored
        # a password is six digits: look for it alone, not inside a phone number
        assert not re.search(rf"(?<!\d){holder['service_password']}(?!\d)", stored)
        assert holder["card_number"] not in stored


def test_id_numbers_are_kept_masked_and_hashed(cardholders, session):
    holder = session.scalar(select(Cardholder).where(Cardholder.name == "张伟"))
    assert holder.id_masked == "110105********002X"
    assert len(holder.id_hash) == 64
    assert holder.password_hash.startswith("hmac-sha256$2$")  # keyed under the current pepper


def test_nothing_secret_is_logged(phone, cardholders, caplog):
    caplog.set_level(logging.DEBUG)
    report_call(phone, HOLDERS["zhang"]).press("1")
    call = phone.dial(language="en")
    for keys in ("1", "110101198001010053#", "1", "000000#", "5678"):
        call.press(keys)
    logged = caplog.text
    for holder in HOLDERS.values():
        assert holder["id_number"] not in logged and holder["service_password"] not in logged


def test_identity_step_rows_hold_no_digits(phone, cardholders, session):
    call = phone.dial(language="en")
    for keys in ("1", "110101198001010053#", "1", "135790#"):
        call.press(keys)
    # mid-verification: only a hash and a yes/no are kept between the two questions
    row = session.execute(text("SELECT id_hash, password_ok, last_reply FROM calls")).one()
    assert "135790" not in str(row) and "110101198001010053" not in str(row)


# The privacy sweep -------------------------------------------------------------------------------
# After a scripted day of calls, SMS, console searches and exports, nothing personal is anywhere it
# need not be: every stored column, the logs, the SMS file, the CSV exports and the pages and error
# pages an operator is shown.


def scripted_day(app, phone, clock, *, identified, make_operator, report_call, sign_in):
    """Reports, a cancel, progress, a lockout, SMS sent and answered, console searches and exports.

    Returns every text an operator or the outside world was shown: pages, error pages, CSVs, TwiML.
    """
    from datetime import timedelta

    from scheduler.jobs import dispatch_messages

    shown = []
    zhang, li = HOLDERS["zhang"], HOLDERS["li"]
    report_call(phone, zhang).press("1")
    report_call(phone, li, language="en").press("1")
    shown.append(identified(phone, li, "progress", language="en").all_heard)
    cancel = identified(phone, zhang, "cancel")
    cancel.press("1")
    shown.append(cancel.all_heard)
    for _ in range(3):  # six wrong answers for 王芳's ID number (two a call): locked, an alert SMS queued
        call = phone.dial(caller="+8613912345678", language="zh")
        for keys in ["1", HOLDERS["wang"]["id_number"] + "#", "1"] + ["111111#", "0000"] * 2:
            if call.ended:
                break
            call.press(keys)
        shown.append(call.all_heard)
    clock.advance(timedelta(minutes=1))
    dispatch_messages(app)
    phone.post("/sms/incoming", {"From": "+86" + li["mobile"], "Body": "STOP", "MessageSid": "SM" + "1" * 32})
    phone.post("/sms/status?m=1", {"MessageStatus": "delivered", "MessageSid": "SM" + "2" * 32})
    make_operator(app, "hua", "supervisor")
    client = app.test_client()
    sign_in(client, "hua")
    for url in [
        "/console/",
        "/console/calls?range=30d",
        "/console/calls/1",
        "/console/calls/3",
        "/console/cards",
        "/console/cards/1",
        "/console/cards/2",
        "/console/audit",
        "/console/calls.csv?range=30d",
        "/console/figures.csv?range=30d",
        "/console/calls?caller=not-a-number",
        "/console/calls/424242",
        "/console/cards?reference=00000000",
        "/console/calls?first=2026-13-01",
    ]:
        response = client.get(url)
        assert response.status_code in (200, 302, 400, 404), url
        shown.append(f"{url}\n{response.get_data(as_text=True)}")
    return shown


def test_privacy_sweep_after_a_day_of_calls(app, phone, cardholders, clock, caplog, sms_file, session):
    caplog.set_level(logging.DEBUG)
    shown = scripted_day(
        app, phone, clock, identified=identified, make_operator=make_operator, report_call=report_call, sign_in=sign_in
    )
    secrets, mobiles = secrets_of(HOLDERS)
    found = []
    for (table, column), blob in stored_columns(session).items():
        found += leaks(f"{table}.{column}", blob, secrets, () if (table, column) in PHONE_COLUMNS else mobiles)
    found += leaks("the logs", caplog.text, secrets, mobiles)
    sent = read_sms(sms_file)
    assert {"preloss_confirmation", "preloss_cancelled", "lockout_alert"} <= {m["kind"] for m in sent}
    found += leaks("SMS bodies", "\n".join(m["body"] for m in sent), secrets, mobiles)
    found += leaks("pages, error pages, exports and what callers heard", "\n".join(shown), secrets, mobiles)
    assert not found, sorted(set(found))


def test_a_console_search_for_a_caller_leaves_no_number_in_urls_or_the_access_log(app, cardholders, caplog):
    """A live server's access log (werkzeug's, as `python app.py` writes it) and the links on the page."""
    import threading
    import urllib.request
    from http.cookiejar import CookieJar

    from werkzeug.serving import make_server

    caplog.set_level(logging.INFO)
    make_operator(app, "hua", "supervisor")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        token = parse_page(opener.open(base + "/console/sign-in", timeout=10).read().decode()).csrf()
        opener.open(
            base + "/console/sign-in",
            data=f"name=hua&password=correct+horse+battery&csrf_token={token}".encode(),
            timeout=10,
        ).read()
        page = parse_page(opener.open(base + "/console/calls", timeout=10).read().decode())
        form = page.find(id="call-filters")[0]["attrs"]
        number = "+86" + HOLDERS["zhang"]["mobile"]
        if form.get("method", "get").lower() == "post":
            token = page.csrf()
            body = (
                opener.open(base + "/console/calls", data=f"caller={number}&csrf_token={token}".encode(), timeout=10)
                .read()
                .decode()
            )
        else:
            body = opener.open(base + "/console/calls?caller=" + number.replace("+", "%2B"), timeout=10).read().decode()
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
    secrets, mobiles = secrets_of(HOLDERS)
    hrefs = " ".join(e["attrs"].get("href", "") + " " + e["attrs"].get("action", "") for e in parse_page(body).elements)
    found = leaks("the access log", caplog.text, secrets, mobiles) + leaks("links", hrefs, secrets, mobiles)
    assert not found, found


def dumped_columns(dump):
    """{(table, column): values} from pg_dump's COPY blocks (data as PostgreSQL itself writes it out)."""
    columns, current = {}, None
    for line in dump.splitlines():
        if current is None:
            found = re.match(r'COPY [\w"]+\.("?)(\w+)\1 \((.*)\) FROM stdin;$', line)
            if found:
                current = (found.group(2), [c.strip().strip('"') for c in found.group(3).split(",")])
        elif line == "\\.":
            current = None
        else:
            for name, value in zip(current[1], line.split("\t"), strict=False):
                columns.setdefault((current[0], name), []).append(value)
    return {key: "\n".join(values) for key, values in columns.items()}


def test_privacy_sweep_of_a_postgresql_dump(app_config, clock, caplog, sms_file, fresh_schema, pg_schemas, make_phone):
    import io
    import shutil
    import subprocess
    from urllib.parse import urlsplit

    from ivr import create_app
    from ivr.directory.cardholder_csv import import_csv
    from ivr.store import db

    url = fresh_schema("w11b_privacy")
    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed (apt-get install postgresql-client)")
    app = create_app({**app_config, "DATABASE_URL": url})
    try:
        with app.app_context(), db.new_session() as session:
            import_csv(session, io.StringIO(holders_csv(*HOLDERS)), app.config)
            session.commit()
        caplog.set_level(logging.DEBUG)
        scripted_day(
            app,
            make_phone(app.test_client(), "test-auth-token"),
            clock,
            identified=identified,
            make_operator=make_operator,
            report_call=report_call,
            sign_in=sign_in,
        )
    finally:
        db.engine.dispose()
    parts = urlsplit(pg_schemas.url)
    dump = subprocess.run(
        [
            "pg_dump",
            "--data-only",
            "--schema",
            pg_schemas.name("w11b_privacy"),
            "-h",
            parts.hostname or "127.0.0.1",
            "-p",
            str(parts.port or 5432),
            "-U",
            parts.username or "postgres",
            parts.path.lstrip("/"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    columns = dumped_columns(dump)
    assert ("preloss_reports", "reference") in columns and ("calls", "from_number") in columns
    secrets, mobiles = secrets_of(HOLDERS)
    found = []
    for (table, column), blob in columns.items():
        found += leaks(f"{table}.{column}", blob, secrets, () if (table, column) in PHONE_COLUMNS else mobiles)
    found += leaks("the logs", caplog.text, secrets, mobiles)
    assert not found, sorted(set(found))
