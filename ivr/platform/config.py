"""Configuration: defaults, then the environment, then a mapping from the caller (tests), checked at once.

The settings themselves (names, types, defaults, what a good value looks like) are the model in
ivr/platform/settings.py; this module loads them, words a refusal so an operator can fix it, and fills
the values derived from others.
"""

import os
import re
import sys

from pydantic import ValidationError

from ivr.identity import passwords, phones
from ivr.platform.settings import DEFAULTS, Settings

__all__ = ["DEFAULTS", "ConfigError", "load", "resolve"]


class ConfigError(RuntimeError):
    """The configuration cannot run the hotline; the message says what to set."""


def load(overrides=None):
    """Every known setting, typed and checked, plus the caller's keys the model does not know (Flask's).

    Raises ConfigError naming each bad setting, its value and what is expected.
    """
    overrides = dict(overrides or {})
    known = {key: overrides.pop(key) for key in list(overrides) if key in DEFAULTS}
    try:
        settings = Settings(**known)
    except ValidationError as exc:
        raise ConfigError(explain(exc)) from None
    return {**settings.model_dump(), **overrides}


EXPECTED = {
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "bool_parsing": "on or off (1/0, true/false, yes/no, on/off)",
    "bool_type": "on or off (1/0, true/false, yes/no, on/off)",
    "string_type": "text",
}


def explain(error):
    """One line per bad setting: `NAME='value': expected ...`."""
    lines = []
    for item in error.errors(include_url=False):
        name = ".".join(str(part) for part in item["loc"]) or "settings"
        context = item.get("ctx") or {}
        if item["type"] == "value_error":
            expected = str(context.get("error", item["msg"]))
        elif item["type"] in ("greater_than", "greater_than_equal", "less_than_equal"):
            expected = item["msg"].replace("Input should be", "a number")
        elif item["type"] == "literal_error":
            expected = "one of " + str(context.get("expected"))
        else:
            expected = EXPECTED.get(item["type"], item["msg"])
        lines.append(f"{name}={hide_password(item.get('input'))!r}: expected {expected}")
    return "Refusing to start, a setting is wrong (see README, Configuration):\n  " + "\n  ".join(lines)


def hide_password(value):
    """A URL's password masked (a refusal is printed and logged); anything else as it is."""
    return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", value) if isinstance(value, str) else value


def resolve(config, instance_path):
    """Fill the derived values and refuse a production setup that is unsafe."""
    if not config.get("DATABASE_URL"):
        os.makedirs(instance_path, exist_ok=True)
        config["DATABASE_URL"] = "sqlite:///" + os.path.join(instance_path, "hotline.sqlite3")
    embedded = config["DATABASE_URL"].startswith("sqlite")
    if config.get("AUTO_MIGRATE") is None:
        config["AUTO_MIGRATE"] = embedded
    if config.get("IVR_DEMO_DATA") is None:
        config["IVR_DEMO_DATA"] = embedded and config["IVR_ENV"] == "development"
    demo_desk(config)
    if not config.get("ID_HASH_KEY"):
        config["ID_HASH_KEY"] = config["SECRET_KEY"]
    if config["SMS_BACKEND"] == "file" and not config.get("SMS_FILE"):
        config["SMS_FILE"] = os.path.join(instance_path, "sms.jsonl")
    if not config.get("LOG_FORMAT"):
        at_terminal = sys.stderr is not None and sys.stderr.isatty()
        config["LOG_FORMAT"] = "text" if at_terminal and config["IVR_ENV"] != "production" else "json"
    check_operator(config)
    if config["IVR_ENV"] == "production":
        missing = unsigned_engines(config)
        if config.get("SECRET_KEY") in (None, "", DEFAULTS["SECRET_KEY"]):
            missing.append("SECRET_KEY")
        if missing:
            raise ConfigError(
                "Refusing to start in production without "
                + " and ".join(missing)
                + ". Set them in the environment (see README, Configuration)."
            )
    check_pepper(config)
    return config


STAFFED_HOURS = "Mon-Fri 08:30-17:30"
# Development's demo: the queue can be tried at any hour (but public holidays, when no one is on duty).
DEMO_HOURS, DEMO_QUEUE = "Mon-Sun 00:00-23:59", "operators"


def demo_desk(config):
    """Staffed hours and the operator queue, unless set: in development with demo data, a queue
    staffed all day (the demo operator line is in ivr/directory/demo.py); else weekday office hours, no queue."""
    demo = config["IVR_ENV"] == "development" and bool(config["IVR_DEMO_DATA"])
    if config.get("OPERATOR_HOURS") is None:
        config["OPERATOR_HOURS"] = DEMO_HOURS if demo else STAFFED_HOURS
    if config.get("OPERATOR_QUEUE") is None:
        config["OPERATOR_QUEUE"] = DEMO_QUEUE if demo and not config.get("OPERATOR_NUMBER") else ""


def unsigned_engines(config):
    """The secret each enabled voice engine signs with, when it is missing (a production refusal)."""
    engines = config["VOICE_ENGINE"].split(",")
    missing = []
    if "twilio" in engines and not (config.get("TWILIO_AUTH_TOKEN") or config.get("SIGNALWIRE_SIGNING_KEY")):
        missing.append("TWILIO_AUTH_TOKEN (or SIGNALWIRE_SIGNING_KEY)")
    if "jambonz" in engines and not config.get("JAMBONZ_WEBHOOK_SECRET"):
        missing.append("JAMBONZ_WEBHOOK_SECRET")
    return missing


def check_operator(config):
    """The operator's number must be dialable, or the app will not start (hours: the model checks)."""
    if config.get("OPERATOR_NUMBER"):
        try:
            config["OPERATOR_NUMBER"] = phones.to_e164(config["OPERATOR_NUMBER"], config["DEFAULT_REGION"])
        except phones.BadPhoneNumber:
            raise ConfigError(
                f"OPERATOR_NUMBER={config['OPERATOR_NUMBER']!r}: expected a phone number, e.g. +861012345678"
            ) from None


def check_pepper(config):
    """Service passwords need their key: production refuses to start without one."""
    try:
        config["PASSWORD_KEYRING"] = passwords.keyring_from_config(config)
    except passwords.PepperError as exc:
        raise ConfigError(
            f"Refusing to start: {exc}. Set PASSWORD_PEPPER (or PASSWORD_PEPPER_FILE) to a random key of "
            f"at least {passwords.MIN_KEY_LENGTH} characters, e.g. from `flask --app app passwords new-key`."
        ) from None
