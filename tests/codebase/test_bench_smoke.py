"""The benchmarks still run (a tiny profile; their figures are read in bench/, never asserted here)."""

import importlib.util
import os

from bench.common import holder_keys, id_number
from ivr.identity import idnumbers

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load(name):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", os.path.join(ROOT, "bench", f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_made_up_cardholders_have_valid_distinct_id_numbers(clock):
    numbers = {id_number(n) for n in range(0, 2_000_000, 997)}
    assert len(numbers) == len(range(0, 2_000_000, 997))
    assert all(idnumbers.check(number, clock().date()).number for number in numbers)
    assert holder_keys(7)[1].endswith("#")


def webhooks_and_statements(url):
    rows = load("statements").count(url)
    assert "/voice/preloss/confirm" in rows and "/voice/status" in rows
    return sum(n for n, _, _, _ in rows.values()), sum(s + p for _, s, p, _ in rows.values())


def test_the_statement_count_walks_a_whole_report_call(tmp_path, clock):
    webhooks, statements = webhooks_and_statements(f"sqlite:///{tmp_path}/statements.sqlite3")
    # One webhook per key the caller presses, plus the call's start and end: no redirects (13
    # webhooks and 76 statements per call before the steps that ask nothing ran in place). The
    # count includes the read-only engine where SQLite's ordinary steps are decided, BEGIN and all
    # (69 when those were first counted; 72 once five steps each read in a transaction of their own;
    # 71 since the verified cardholder is read once, not again by the offer that follows).
    assert webhooks == len(holder_keys(0)) + 2
    assert statements <= 71


def test_the_statement_count_on_postgresql(fresh_schema, clock):
    # 47 while the password step read the stored hash in a session of its own before locking the
    # call (an HMAC of microseconds needs no such care) and the offer read the cardholder again;
    # 45 then; 52 with the SET LOCAL before each of the 7 commits that only move the call on and
    # need not wait for the disk (ivr/store/durability.py).
    webhooks, statements = webhooks_and_statements(fresh_schema("statements"))
    assert webhooks == len(holder_keys(0)) + 2
    assert statements <= 52


def test_the_instruction_count_places_whole_report_calls(tmp_path, clock):
    # Without valgrind: the process it measures must file its reports (a failed call stops it).
    url = f"sqlite:///{tmp_path}/instructions.sqlite3"
    load("instructions").place_calls(url, 1)
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM preloss_reports")) == 9  # 8 to warm up, 1 counted
    engine.dispose()


def test_a_bench_caller_files_a_report_and_hears_goodbye(tmp_path, clock):
    """The load benchmark counts a call as completed only when the hotline ends it: its keys must get there."""
    import io

    from sqlalchemy import func, select

    from bench.common import bench_app, demo_line, holder_row
    from ivr.directory.cardholder_csv import import_csv
    from ivr.softphone.engine import SoftCall
    from ivr.store import PrelossReport, db

    app = bench_app(f"sqlite:///{tmp_path}/bench.sqlite3", IVR_DEMO_DATA=False)
    body = "id_number,name,mobile,card_number,service_password,language\n" + ",".join(holder_row(5)) + "\n"
    with app.app_context():
        with db.new_session() as session:
            import_csv(session, io.StringIO(body), app.config)
            session.commit()
        line = demo_line(app)
        line.caller = "+8613900000005"
        call = SoftCall(line)
        call.ring()
        for key in holder_keys(5):
            assert not call.ended, f"the call ended before the bench caller pressed {key!r}"
            call.press(key)
        assert call.ended and not call.error
        assert db.session.scalar(select(func.count()).select_from(PrelossReport)) == 1


def test_the_bare_baseline_answers_twiml_to_a_post_without_a_form_token(tmp_path, monkeypatch):
    """The load benchmark's baseline must be a real answer: an error page would be cheaper and every ratio a lie."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/bare.sqlite3")
    monkeypatch.setenv("IVR_DEMO_DATA", "0")
    app = load("wsgi").app
    response = app.test_client().post("/bench/bare", data={"CallSid": "CA" + "0" * 32, "Digits": "1"})
    assert response.status_code == 200
    assert response.content_type.startswith("text/xml")
    assert b"<Gather" in response.data


def test_the_floor_baseline_keeps_its_call_in_the_database_as_every_step_must(tmp_path, monkeypatch):
    """The floor stands for a step's least work: a floor that stored nothing would be a second bare endpoint."""
    from sqlalchemy import select

    from ivr.store import Call, db

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/floor.sqlite3")
    monkeypatch.setenv("IVR_DEMO_DATA", "0")
    app = load("wsgi").app
    client = app.test_client()
    sid = "CA" + "f" * 32
    for _ in range(2):
        response = client.post("/bench/floor", data={"CallSid": sid, "From": "+8613900000001", "Digits": "1"})
        assert response.status_code == 200
        assert b'<Gather action="/bench/floor"' in response.data
    with app.app_context():
        call = db.session.scalars(select(Call).where(Call.call_sid == sid)).one()
        assert call.turn == 2
        assert call.last_reply == response.data.decode()


def test_the_service_report_bench_measures_every_page(tmp_path, clock):
    found = load("service_report").run(f"sqlite:///{tmp_path}/service.sqlite3", 300, runs=1)
    assert set(found["pages"]) >= {"monthly report page", "wallboard panel"} and found["summed_hours"] > 24 * 29
    assert found["baseline_s"] > 0 and [e["calls"] for e in found["exports"]][-1] == 300
