"""Fault injection: the database frozen (SIGSTOP) or stopped in the middle of a call (defect 2 of issue 11).

A throwaway PostgreSQL cluster of the test's own (never the machine's server): the caller must
hear the apology before Twilio gives up (15 s), /readyz must say 503 by then (/healthz only says the
process is alive), and once the database is back a new call files its report without anyone restarting anything.
"""

import io
import threading

import pytest
from sqlalchemy import select, text

from ivr import create_app
from ivr.directory.cardholder_csv import import_csv
from ivr.prompts import CATALOGUE
from ivr.store import Card, PrelossReport, db
from ivr.store.db import make_engine
from ivr.store.migrate import upgrade
from tests.support.app import holders_csv
from tests.support.calls import identity_keys, keys_for
from tests.support.known import HOLDERS, TOKEN
from tests.support.pgcluster import wait_until

TWILIO_PATIENCE = 15  # seconds Twilio waits for a webhook before the caller hears its error
ZHANG = HOLDERS["zhang"]
# What the caller hears of the apology up to the number, however the number is spoken.
APOLOGY = CATALOGUE["common.system_error"]["en"].split("{")[0]


@pytest.fixture
def fault_app(pg_cluster, app_config, clock):
    pg_cluster.thaw()
    if not wait_until(lambda: cluster_answers(pg_cluster)):
        pg_cluster.start()
    engine = make_engine(pg_cluster.url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    upgrade(pg_cluster.url)
    app = create_app({**app_config, "DATABASE_URL": pg_cluster.url})
    with app.app_context(), db.new_session() as session:
        import_csv(session, io.StringIO(holders_csv(*HOLDERS)), app.config)
    yield app
    pg_cluster.thaw()
    db.engine.dispose()


def cluster_answers(pg_cluster):
    engine = make_engine(pg_cluster.url)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception:
        return False
    finally:
        engine.dispose()


def answered_in_time(**work):
    """Run each piece of work in its own thread; what each returned, or a failure naming the late ones."""
    results, threads = {}, {}
    for name, job in work.items():
        threads[name] = threading.Thread(target=lambda n=name, j=job: results.__setitem__(n, j()), daemon=True)
        threads[name].start()
    for thread in threads.values():
        thread.join(timeout=TWILIO_PATIENCE)  # they run side by side: one shared 15 s, roughly
    late = [name for name, thread in threads.items() if thread.is_alive() or name not in results]
    assert not late, f"no answer within Twilio's {TWILIO_PATIENCE} s: {late}"
    return results


def call_at_id_step(app, *, make_phone):
    call = make_phone(app.test_client(), TOKEN).dial(language="en")
    call.press("1")
    return call


def report_is_filed(app, *, make_phone, identity_keys):
    """A whole report call, start to end, on the database as it now is."""
    call = make_phone(app.test_client(), TOKEN).dial(language="en")
    for keys in (*identity_keys(ZHANG), "1"):
        call.press(keys)
    with app.app_context(), db.new_session() as session:
        card = session.scalar(select(Card).where(Card.number_last4 == ZHANG["card_number"][-4:]))
        report = session.scalar(select(PrelossReport).where(PrelossReport.card_id == card.id))
        return card.state == "preloss" and report is not None and report.status == "active" and not call.ended


@pytest.mark.parametrize("fault", ["frozen", "stopped"])
def test_the_caller_hears_the_apology_in_time_and_the_hotline_recovers(fault_app, pg_cluster, fault, make_phone):
    call = call_at_id_step(fault_app, make_phone=make_phone)
    health = fault_app.test_client()
    pg_cluster.freeze() if fault == "frozen" else pg_cluster.stop()
    try:
        results = answered_in_time(
            webhook=lambda: call.press(keys_for(ZHANG)) and call.heard, health=lambda: health.get("/readyz").status_code
        )
    finally:
        pg_cluster.thaw() if fault == "frozen" else pg_cluster.start()
    assert APOLOGY in results["webhook"] and call.ended
    assert results["health"] == 503
    assert wait_until(lambda: health.get("/readyz").status_code == 200)
    assert report_is_filed(fault_app, make_phone=make_phone, identity_keys=identity_keys)
