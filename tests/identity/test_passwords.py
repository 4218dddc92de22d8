"""Service passwords under a pepper: old hashes still verify and move to the current key; keys rotate."""

import pytest
from sqlalchemy import select, update
from werkzeug.security import generate_password_hash

from ivr import create_app
from ivr.identity import passwords
from ivr.platform.config import ConfigError
from ivr.store import Cardholder, db
from tests.support.app import holders_csv
from tests.support.calls import report_call
from tests.support.known import HOLDERS

ZHANG = HOLDERS["zhang"]
OLD_KEY = "1:test-pepper-one-" + "k" * 32


def store(app, value, name="张伟"):
    with app.app_context(), db.new_session() as session:
        session.execute(update(Cardholder).where(Cardholder.name == name).values(password_hash=value))


def stored(app, name="张伟"):
    with app.app_context():
        return db.session.scalar(select(Cardholder.password_hash).where(Cardholder.name == name))


@pytest.mark.parametrize("legacy", ["pbkdf2:sha256:1000", "scrypt:16384:8:1"])
def test_an_old_werkzeug_hash_verifies_and_is_moved_to_the_current_key(app, phone, cardholders, legacy):
    store(app, generate_password_hash(ZHANG["service_password"], method=legacy))
    call = report_call(phone, ZHANG)
    assert "确认挂失请按1" in call.heard
    assert stored(app).startswith("hmac-sha256$2$")


def test_a_wrong_answer_leaves_an_old_hash_as_it_is(app, phone, cardholders):
    old = generate_password_hash(ZHANG["service_password"], method="pbkdf2:sha256:1000")
    store(app, old)
    call = report_call(phone, {**ZHANG, "service_password": "999999"})
    assert "确认挂失请按1" not in call.heard
    assert stored(app) == old


def test_a_hash_under_the_previous_key_version_verifies_and_is_rewritten(app, phone, cardholders):
    with app.app_context():
        old_ring = passwords.parse_keyring(OLD_KEY)
    store(app, passwords.hash_pin(old_ring, ZHANG["service_password"]))
    assert "确认挂失请按1" in report_call(phone, ZHANG).heard
    assert stored(app).startswith("hmac-sha256$2$")


def test_a_hash_under_a_retired_key_no_longer_verifies(app, phone, cardholders):
    retired = passwords.parse_keyring("7:a-retired-key-" + "r" * 32)
    store(app, passwords.hash_pin(retired, ZHANG["service_password"]))
    assert "确认挂失请按1" not in report_call(phone, ZHANG).heard


def test_two_cardholders_with_one_pin_store_different_values(app, cardholders, session):
    store(app, passwords.hash_pin(app.config["PASSWORD_KEYRING"], "111111"), "张伟")
    store(app, passwords.hash_pin(app.config["PASSWORD_KEYRING"], "111111"), "Li Na")
    assert stored(app, "张伟") != stored(app, "Li Na")


def test_an_unknown_id_number_does_the_same_hash_work_as_a_cardholder(app, cardholders, monkeypatch):
    from ivr.identity import verification

    keyring = app.config["PASSWORD_KEYRING"]
    verification.check_password(keyring, None, "000000")  # the decoy is made once, on first use
    calls = []
    real = passwords._digest
    monkeypatch.setattr(passwords, "_digest", lambda *a: calls.append(a[0]) or real(*a))
    verification.check_password(keyring, stored(app), "246810")
    verification.check_password(keyring, None, "246810")
    assert calls == [keyring.key(2), keyring.key(2)]  # one keyed digest each, under the same key


def test_production_refuses_to_start_without_a_pepper(app_config):
    config = {**app_config, "IVR_ENV": "production", "PASSWORD_PEPPER": None}
    with pytest.raises(ConfigError, match="PASSWORD_PEPPER"):
        create_app(config)


def test_production_refuses_a_short_pepper(app_config):
    with pytest.raises(ConfigError, match="at least 32"):
        create_app({**app_config, "IVR_ENV": "production", "PASSWORD_PEPPER": "short"})


def test_the_pepper_can_come_from_a_key_file(app_config, tmp_path, clock):
    path = tmp_path / "pepper"
    path.write_text("# current first\n3:" + "f" * 40 + "\n2:" + "e" * 40 + "\n")
    app = create_app(
        {**app_config, "IVR_ENV": "production", "PASSWORD_PEPPER": None, "PASSWORD_PEPPER_FILE": str(path)}
    )
    assert app.config["PASSWORD_KEYRING"].current == 3
    db.engine.dispose()


def test_development_derives_a_pepper_from_the_secret_key(app_config, clock):
    app = create_app({**app_config, "PASSWORD_PEPPER": None})
    keyring = app.config["PASSWORD_KEYRING"]
    assert keyring.current == 1 and passwords.check_pin(keyring, passwords.hash_pin(keyring, "1"), "1").ok
    db.engine.dispose()


def test_the_upgrade_command_moves_old_hashes_from_the_registry_file(app, runner, cardholders, tmp_path):
    store(app, generate_password_hash(ZHANG["service_password"], method="pbkdf2:sha256:1000"))
    store(app, generate_password_hash("000000", method="pbkdf2:sha256:1000"), "Li Na")  # changed since
    registry = tmp_path / "registry.csv"
    registry.write_text(holders_csv(*HOLDERS), encoding="utf-8")
    before = runner.invoke(args=["passwords", "status"])
    assert "pbkdf2" in before.output and "upgrade pending" in before.output
    result = runner.invoke(args=["passwords", "upgrade", str(registry)])
    assert result.exit_code == 1
    assert "1 upgraded" in result.output and "1 not matching" in result.output
    assert stored(app).startswith("hmac-sha256$2$") and stored(app, "Li Na").startswith("pbkdf2:")
    assert ZHANG["service_password"] not in result.output
    trusted = runner.invoke(args=["passwords", "upgrade", "--trust-file", str(registry)])
    assert trusted.exit_code == 0 and stored(app, "Li Na").startswith("hmac-sha256$2$")
    assert "pbkdf2" not in runner.invoke(args=["passwords", "status"]).output
