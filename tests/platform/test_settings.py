"""Settings are checked when the app or the scheduler starts; empty values mean what the docs say."""

import os
import sys
from datetime import datetime
from pathlib import Path

import pytest

from ivr import create_app
from ivr.platform.config import ConfigError
from tests.support import processes
from tests.support.app import read_sms
from tests.support.known import BEIJING
from tests.support.sms import queue_sms, tick

ROOT = Path(__file__).resolve().parents[2]

BAD_VALUES = [
    ("SMS_QUIET_HOURS", "late", "21:00-08:00"),
    ("SMS_QUIET_HOURS", "21:00", "21:00-08:00"),
    ("FORMAL_REMINDER_AT", "25:99", "a local time like 10:00"),
    ("COLLECTION_REMINDER_AT", "noon", "a local time like 10:00"),
    ("COLLECTION_REMINDER_DAYS", "x,y", "like 7,30"),
    ("COLLECTION_REMINDER_DAYS", "7,-1", "like 7,30"),
    ("PRELOSS_VALID_DAYS", "ten", "a whole number"),
    ("LOCKOUT_HOURS", "0", "greater than 0"),
    ("SMS_BATCH_SIZE", "-5", "greater than 0"),
    ("ALLOW_PHONE_CANCEL", "perhaps", "on or off"),
    ("SMS_BACKEND", "pigeon", "'console', 'file', 'twilio', 'aliyun' or 'tencent'"),
    ("IVR_ENV", "prod", "'development' or 'production'"),
    ("IVR_TIMEZONE", "Beijing", "an IANA time zone"),
    ("DEFAULT_REGION", "ZZ", "region code"),
    ("OPERATOR_HOURS", "whenever", "staffed hours"),
    ("PUBLIC_BASE_URL", "hotline.example.cn", "https://"),
    ("DATABASE_URL", "a database", "a database URL"),
    ("TRUSTED_PROXIES", "many", "a whole number"),
    ("LOG_FORMAT", "xml", "'json' or 'text'"),
    ("PORT", "99999", "65535"),
]


@pytest.mark.parametrize(("key", "value", "expected"), BAD_VALUES)
def test_a_bad_value_in_the_environment_refuses_to_start_naming_it(app_config, monkeypatch, key, value, expected):
    config = {k: v for k, v in app_config.items() if k != key}
    monkeypatch.setenv(key, value)
    with pytest.raises(ConfigError) as refused:
        create_app(config)
    message = str(refused.value)
    assert f"{key}={value!r}" in message or f"{key}={value.upper()!r}" in message
    assert expected in message


def test_every_bad_value_is_named_at_once(app_config):
    with pytest.raises(ConfigError) as refused:
        create_app({**app_config, "SMS_QUIET_HOURS": "late", "FORMAL_REMINDER_AT": "25:99"})
    assert "SMS_QUIET_HOURS='late'" in str(refused.value)
    assert "FORMAL_REMINDER_AT='25:99'" in str(refused.value)


def test_values_are_typed_and_tidied(app_config, monkeypatch):
    monkeypatch.setenv("PRELOSS_VALID_DAYS", "12")
    monkeypatch.setenv("ALLOW_PHONE_CANCEL", "off")
    monkeypatch.setenv("COLLECTION_REMINDER_DAYS", " 7, 30 ")
    monkeypatch.setenv("FORMAL_REMINDER_AT", "9:30")
    config = create_app(app_config).config
    assert config["PRELOSS_VALID_DAYS"] == 12
    assert config["ALLOW_PHONE_CANCEL"] is False
    assert config["COLLECTION_REMINDER_DAYS"] == "7,30"
    assert config["FORMAL_REMINDER_AT"] == "09:30"


def test_a_test_mapping_still_overrides_the_environment_and_keeps_flask_keys(app_config, monkeypatch):
    monkeypatch.setenv("PRELOSS_VALID_DAYS", "12")
    app = create_app({**app_config, "PRELOSS_VALID_DAYS": 3, "SOMETHING_FLASK_READS": "kept"})
    assert app.config["PRELOSS_VALID_DAYS"] == 3
    assert app.config["SOMETHING_FLASK_READS"] == "kept"
    assert app.testing


def test_empty_quiet_hours_mean_none_and_a_night_reminder_goes_out(app_config, monkeypatch, clock, sms_file):
    """Issue 11 #10: `SMS_QUIET_HOURS=` was ignored and 21:00-08:00 stayed."""
    monkeypatch.setenv("SMS_QUIET_HOURS", "")
    app = create_app(app_config)
    clock.now = datetime(2026, 11, 25, 23, 30, tzinfo=BEIJING)
    queue_sms(app, due_at=clock.now)
    tick(app)
    assert [sms["kind"] for sms in read_sms(sms_file)] == ["formal_report_reminder"]


def test_empty_collection_days_mean_no_collection_reminders(app_config, monkeypatch):
    monkeypatch.setenv("COLLECTION_REMINDER_DAYS", "")
    from ivr.cards.collection import reminder_days

    assert reminder_days(create_app(app_config).config) == []


@pytest.mark.parametrize("key", ["PRELOSS_VALID_DAYS", "IVR_TIMEZONE", "ALLOW_PHONE_CANCEL", "TWILIO_FROM_NUMBER"])
def test_other_empty_values_are_unset_and_keep_the_default(app_config, monkeypatch, key):
    from ivr.platform.config import DEFAULTS

    monkeypatch.setenv(key, "")
    assert create_app(app_config).config[key] == DEFAULTS[key]


def start(command, tmp_path, **env):
    environ = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/h.sqlite3", "IVR_DEMO_DATA": "0", **env}
    return processes.run([sys.executable, *command], cwd=ROOT, env=environ, timeout=60)


@pytest.mark.parametrize(
    "command", [["app.py"], ["-m", "flask", "--app", "app", "scheduler"]], ids=["web", "scheduler"]
)
def test_the_web_server_and_the_scheduler_refuse_a_bad_value_before_starting(tmp_path, command):
    ran = start(command, tmp_path, SMS_QUIET_HOURS="late")
    assert ran.returncode != 0
    assert "SMS_QUIET_HOURS='late'" in ran.stderr
    assert "21:00-08:00" in ran.stderr
    assert "running" not in ran.stdout


def test_every_setting_the_code_reads_is_in_the_model():
    """A key read from app.config but missing from ivr/platform/settings.py would skip the checks at start."""
    import re

    from ivr.platform.config import DEFAULTS

    flask_own = {
        "TESTING",
        "DEBUG",
        "SECRET_KEY",
        "SESSION_COOKIE_SECURE",
        "SERVER_NAME",
        "PREFERRED_URL_SCHEME",
        "PERMANENT_SESSION_LIFETIME",
        "SESSION_COOKIE_SAMESITE",
        "SESSION_COOKIE_HTTPONLY",
        "MAX_CONTENT_LENGTH",
        "SESSION_COOKIE_NAME",
        "BABEL_TRANSLATION_DIRECTORIES",
        "BABEL_DEFAULT_TIMEZONE",
        "BABEL_DEFAULT_LOCALE",
    }
    derived = {"PASSWORD_KEYRING"}  # made from PASSWORD_PEPPER(_FILE) by config.resolve, not set by anyone
    read = set()
    pattern = re.compile(r"config(?:\.get\()?\[?\(?[\"']([A-Z][A-Z0-9_]+)[\"']")
    for path in [*ROOT.joinpath("ivr").rglob("*.py"), *ROOT.joinpath("scheduler").rglob("*.py")]:
        read |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert len(read) > 40  # the pattern finds the reads
    assert read - set(DEFAULTS) - flask_own - derived == set()
