"""The same call on PostgreSQL, and Twilio retries racing each other across web processes."""

import threading

from sqlalchemy import func, select

from ivr.store import OutgoingMessage, PrelossReport, db
from tests.support.calls import report_call, spoken_reference
from tests.support.known import HOLDERS, TOKEN


def test_a_report_call_on_postgresql(pg_app, make_phone):
    phone = make_phone(pg_app.test_client(), TOKEN)
    call = report_call(phone, HOLDERS["li"], language="en")
    call.press("1")
    with pg_app.app_context():
        reference = db.session.scalar(select(PrelossReport.reference))
    assert spoken_reference(reference, "en") in call.heard


def race_retries(app, *, make_phone, report_call):
    """Post the same confirming key press from four threads at once; return what each heard."""
    phone = make_phone(app.test_client(), TOKEN)
    call = report_call(phone, HOLDERS["zhang"])
    action, params = call.action, call.params(Digits="1")
    replies, start = [], threading.Barrier(4, timeout=30)

    def post():
        client = make_phone(app.test_client(), TOKEN)
        start.wait()
        replies.append(client.post(action, params).data)

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return replies


def assert_one_report(app, replies):
    assert len(replies) == 4 and len(set(replies)) == 1
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PrelossReport)) == 1
        kinds = db.session.scalars(select(OutgoingMessage.kind)).all()
    assert kinds.count("preloss_confirmation") == 1


def test_racing_retries_file_one_report_on_postgresql(pg_app, make_phone):
    assert_one_report(pg_app, race_retries(pg_app, make_phone=make_phone, report_call=report_call))


def test_racing_retries_file_one_report_on_sqlite(app, cardholders, make_phone):
    assert_one_report(app, race_retries(app, make_phone=make_phone, report_call=report_call))


def race_two_callers(app, *, make_phone, report_call):
    """Two calls for the same card press 1 at the offer at the same moment."""
    calls = []
    for _ in range(2):
        call = report_call(make_phone(app.test_client(), TOKEN), HOLDERS["zhang"])
        calls.append((call.action, call.params(Digits="1")))
    start, heard = threading.Barrier(2, timeout=30), []

    def confirm(action, params):
        start.wait()
        heard.append(make_phone(app.test_client(), TOKEN).post(action, params).data.decode())

    threads = [threading.Thread(target=confirm, args=pair) for pair in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return heard


def test_two_callers_reporting_one_card_file_one_report_on_postgresql(pg_app, make_phone):
    heard = race_two_callers(pg_app, make_phone=make_phone, report_call=report_call)
    with pg_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PrelossReport)) == 1
    assert sum("挂失成功" in reply for reply in heard) == 1
    assert sum("已于" in reply for reply in heard) == 1
