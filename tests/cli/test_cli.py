"""Commands a deployment runs: loading cardholders, listing reminders, upgrading the schema."""

import json

import pytest
from sqlalchemy import func, select

from ivr.platform.config import ConfigError
from ivr.store import Card, Cardholder
from tests.support.app import holders_csv
from tests.support.calls import report_call
from tests.support.known import HOLDERS

HEADER = "id_number,name,mobile,card_number,service_password,language\n"


def write(tmp_path, body):
    path = tmp_path / "holders.csv"
    path.write_text(body, encoding="utf-8")
    return str(path)


def test_import_inserts_then_updates_by_id_number(runner, tmp_path, session):
    result = runner.invoke(args=["import-cardholders", write(tmp_path, holders_csv("zhang", "li"))])
    assert result.exit_code == 0 and "2 inserted, 0 updated, 0 rejected" in result.output
    moved = holders_csv("zhang").replace("13800138000", "13800138999")
    result = runner.invoke(args=["import-cardholders", write(tmp_path, moved)])
    assert "0 inserted, 1 updated" in result.output
    mobiles = session.scalars(select(Cardholder.mobile).order_by(Cardholder.id)).all()
    assert mobiles == ["+8613800138999", "+8613912345678"]


@pytest.mark.parametrize(
    "row, reason",
    [
        (
            "110105194912310021,A,13800138000,C1000001,111111,zh",
            "line 2: rejected: bad id_number (wrong check character)",
        ),
        ("11010519491231002X,A,12345,C1000001,111111,zh", "line 2: rejected: bad mobile"),
        ("11010519491231002X,A,01065123456,C1000001,111111,zh", "line 2: rejected: bad mobile (not a mobile number)"),
        ("11010519491231002X,,13800138000,C1000001,111111,zh", "line 2: rejected: missing name"),
        ("11010519491231002X,A,13800138000,C1000001,12345,zh", "line 2: rejected: bad service_password"),
        ("11010519491231002X,A,13800138000,C1000001,111111,fr", "line 2: rejected: bad language"),
    ],
)
def test_each_bad_row_is_reported_by_line_and_not_loaded(runner, tmp_path, session, row, reason):
    good = HOLDERS["li"]
    body = HEADER + row + "\n" + ",".join(good[k] for k in HEADER.strip().split(",")) + "\n"
    result = runner.invoke(args=["import-cardholders", write(tmp_path, body)])
    assert result.exit_code == 1
    assert reason in result.output
    assert "1 inserted, 0 updated, 1 rejected" in result.output
    assert session.scalar(select(func.count()).select_from(Cardholder)) == 1
    assert "11010519491231002X" not in result.output


def test_a_header_without_required_columns_loads_nothing(runner, tmp_path, session):
    result = runner.invoke(args=["import-cardholders", write(tmp_path, "name,mobile\nA,13800138000\n")])
    assert "line 1: rejected: header lacks" in result.output
    assert session.scalar(select(func.count()).select_from(Cardholder)) == 0


def test_a_card_number_of_another_cardholder_is_refused(runner, tmp_path, session):
    body = holders_csv("zhang", "li").replace("A10000002", "A10000001")
    result = runner.invoke(args=["import-cardholders", write(tmp_path, body)])
    assert "line 3: rejected: card_number belongs to another cardholder" in result.output
    assert session.scalar(select(func.count()).select_from(Card)) == 1


def test_reminders_list_json(phone, cardholders, runner):
    report_call(phone, HOLDERS["zhang"]).press("1")
    result = runner.invoke(args=["reminders", "list", "--json"])
    listed = json.loads(result.output)
    assert [(m["kind"], m["to"], m["state"]) for m in listed] == [
        ("preloss_confirmation", "+8613800138000", "pending"),
        ("formal_report_reminder", "+8613800138000", "pending"),
        ("formal_report_reminder", "+8613800138000", "pending"),
    ]
    assert listed[1]["due_at"] == "2026-11-26T10:00:00+08:00"


def test_db_upgrade_is_safe_to_repeat(runner):
    assert "up to date" in runner.invoke(args=["db", "upgrade"]).output
    assert "up to date" in runner.invoke(args=["db", "upgrade"]).output


@pytest.mark.parametrize(
    "missing, env",
    [
        ("TWILIO_AUTH_TOKEN", {"SECRET_KEY": "s3cret"}),
        ("SECRET_KEY", {"TWILIO_AUTH_TOKEN": "t"}),
    ],
)
def test_production_refuses_to_start_without_secrets(tmp_path, monkeypatch, missing, env):
    from ivr import create_app

    for key in ("TWILIO_AUTH_TOKEN", "SECRET_KEY"):
        monkeypatch.delenv(key, raising=False)
    config = {"IVR_ENV": "production", "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3", **env}
    with pytest.raises(ConfigError, match=missing):
        create_app(config)


def test_demo_data_loads_once_on_an_empty_embedded_database(app_config, clock):
    from ivr import create_app
    from ivr.store import db

    for _ in range(2):
        app = create_app({**app_config, "IVR_DEMO_DATA": True})
        with app.app_context():
            assert db.session.scalar(select(func.count()).select_from(Cardholder)) == 3
        db.engine.dispose()
