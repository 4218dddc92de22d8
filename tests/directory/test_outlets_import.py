"""`flask --app app import-outlets FILE.csv`, and the demo outlets."""

import pytest
from sqlalchemy import select

from ivr.directory.demo import load_demo_data
from ivr.store import Outlet, db
from tests.support.known import OUTLETS_CSV, TOKEN


def outlets_in(app):
    with app.app_context(), db.new_session() as session:
        return {o.code: (o.name, o.area_code, o.phone) for o in session.scalars(select(Outlet))}


def run_import(runner, tmp_path, text):
    path = tmp_path / "outlets.csv"
    path.write_text(text, encoding="utf-8")
    return runner.invoke(args=["import-outlets", str(path)])


def test_import_inserts_then_updates_by_code(runner, app, tmp_path):
    result = run_import(runner, tmp_path, OUTLETS_CSV)
    assert result.exit_code == 0, result.output
    assert "4 inserted, 0 updated" in result.output
    assert outlets_in(app)["BJ-CITY"] == ("北京市社会保障卡服务大厅", "11", "+861096102")  # via phonenumbers
    changed = (
        "code,name,area_code,address,hours,phone\n"
        "BJ-CITY,北京市社保卡大厅,110,新地址,周一至周日 9:00-17:00,+86 10 6555 1234\n"
    )
    result = run_import(runner, tmp_path, changed)
    assert result.exit_code == 0 and "0 inserted, 1 updated" in result.output
    stored = outlets_in(app)
    assert stored["BJ-CITY"] == ("北京市社保卡大厅", "110", "+861065551234")
    assert len(stored) == 4


@pytest.mark.parametrize(
    "line, reason",
    [
        (",名称,11,地址,周一至周五 9:00-17:00,", "missing code"),
        ("X1,名称,,地址,周一至周五 9:00-17:00,", "missing area_code"),
        ("X1,名称,11a,地址,周一至周五 9:00-17:00,", "bad area_code"),
        ("X1,名称,1101050,地址,周一至周五 9:00-17:00,", "bad area_code"),
        ("X 1,名称,11,地址,周一至周五 9:00-17:00,", "bad code"),
        ("X1,名称,11,地址,周一至周五 9:00-17:00,phone?", "bad phone"),
        ("X1,名称,11,地址,,", "missing hours"),
        ("BJ-CY-01,重复,11,地址,周一至周五 9:00-17:00,", "same code as line 2"),
        # Hours the hotline could only read out raw are refused, saying which part.
        ("X1,名称,11,地址,9-17,", "bad hours ('9-17' needs days and times"),
        ("X1,名称,11,地址,周一至周五,", "bad hours ('周一至周五' needs days and times"),
        ("X1,名称,11,地址,Mon-Fri 17:00-09:00,", "bad hours ('17:00-09:00' in 'Mon-Fri 17:00-09:00' ends before"),
        ("X1,名称,11,地址,周八 9:00-12:00,", "bad hours ('周八' in '周八 9:00-12:00' is not a day"),
        ("X1,名称,11,地址,Mon-Fri 8:30-25:00,", "bad hours (25:00 in 'Mon-Fri 8:30-25:00' is not a time of day"),
    ],
)
def test_a_bad_line_is_reported_by_number_and_nothing_is_written(runner, app, tmp_path, line, reason):
    text = (
        OUTLETS_CSV.splitlines()[0]
        + "\n"
        + OUTLETS_CSV.splitlines()[1]
        + "\nOK-1,好,12,地址,周一至周五 9:00-17:00,\n"
        + line
        + "\n"
    )
    result = run_import(runner, tmp_path, text)
    assert result.exit_code == 1
    assert f"line 4: rejected: {reason}" in result.output
    assert "nothing imported" in result.output
    assert outlets_in(app) == {}


def test_a_file_without_the_header_is_refused(runner, app, tmp_path):
    result = run_import(runner, tmp_path, "BJ-CY-01,朝阳,110105,地址,周一至周五 9:00-17:00,\n")
    assert result.exit_code == 1 and "line 1: rejected: header lacks" in result.output
    assert outlets_in(app) == {}


def test_demo_outlets_load_into_an_empty_database(app):
    with app.app_context(), db.new_session() as session:
        load_demo_data(session, app.config)
    stored = outlets_in(app)
    assert {"BJ-CY-01", "BJ-DC-01", "BJ-CITY"} <= set(stored)


def test_demo_outlets_answer_a_call(app_config, clock, make_phone):
    from ivr import create_app

    demo = create_app({**app_config, "IVR_DEMO_DATA": True})
    try:
        call = make_phone(demo.test_client(), TOKEN).dial(language="zh")
        call.press("4")
        call.press("110101#")
        assert "东城区社保服务网点" in call.heard and "北京市社会保障卡服务大厅" in call.heard
    finally:
        db.engine.dispose()


def test_the_24_hour_terminal_column_is_optional_and_checked(runner, app, tmp_path):
    header = "code,name,area_code,address,hours,phone,terminal_24h\n"
    good = header + "T1,大厅,11,地址,周一至周五 9:00-17:00,,是\nT2,网点,1101,地址,周一至周五 9:00-17:00,,\n"
    assert run_import(runner, tmp_path, good).exit_code == 0
    with app.app_context(), db.new_session() as session:
        assert {o.code: o.terminal_24h for o in session.scalars(select(Outlet))} == {"T1": True, "T2": False}
    result = run_import(runner, tmp_path, header + "T3,网点,1101,地址,周一至周五 9:00-17:00,,maybe\n")
    assert result.exit_code == 1 and "line 2: rejected: bad terminal_24h" in result.output


def test_english_names_load_and_an_older_file_keeps_them(app, session):
    import io

    from sqlalchemy import select

    from ivr.directory.outlets import import_csv
    from ivr.store import Outlet

    header = "code,name,area_code,address,hours,phone,name_en,address_en\n"
    with_english = header + "X1,某网点,11,某路1号,周一至周五 9:00-17:00,,Some Hall,1 Some Road\n"
    assert not import_csv(session, io.StringIO(with_english)).rejected
    older = "code,name,area_code,address,hours,phone\nX1,某网点,11,某路2号,周一至周五 9:00-17:00,\n"
    assert not import_csv(session, io.StringIO(older)).rejected
    outlet = session.scalar(select(Outlet).where(Outlet.code == "X1"))
    assert (outlet.name_en, outlet.address_en, outlet.address) == ("Some Hall", "1 Some Road", "某路2号")


@pytest.mark.parametrize(
    "name_en, address_en, reason",
    [("Some Hall", "", "both or neither"), ("某网点", "1 Some Road", "in English")],
)
def test_english_names_that_cannot_be_said_in_english_are_refused(session, name_en, address_en, reason):
    import io

    from ivr.directory.outlets import import_csv

    header = "code,name,area_code,address,hours,phone,name_en,address_en\n"
    row = header + f"X2,某网点,11,某路1号,周一至周五 9:00-17:00,,{name_en},{address_en}\n"
    [(line, said)] = import_csv(session, io.StringIO(row)).rejected
    assert line == 2 and reason in said
