"""Configuration: defaults, then the environment, then a mapping from the caller (tests)."""

import os

DEFAULTS = {
    "IVR_ENV": "development",
    "DATABASE_URL": None,  # None: SQLite under the instance folder
    "AUTO_MIGRATE": None,  # None: upgrade an embedded SQLite database on start
    "SECRET_KEY": "dev-only-secret-key",
    "ID_HASH_KEY": None,  # None: derived from SECRET_KEY
    "TWILIO_ACCOUNT_SID": None,
    "TWILIO_AUTH_TOKEN": None,
    "TWILIO_FROM_NUMBER": None,
    "TWILIO_MESSAGING_SERVICE_SID": None,
    "PUBLIC_BASE_URL": None,
    "SMS_BACKEND": "console",
    "SMS_FILE": None,
    "IVR_TIMEZONE": "Asia/Shanghai",
    "HOTLINE_NAME": "",  # empty: the catalogue's default name in each language
    "HOTLINE_NUMBER": "96102",
    "PRELOSS_VALID_DAYS": 10,
    "FORMAL_REMINDER_AT": "10:00",
    "IVR_DEMO_DATA": None,  # None: on in development with the embedded database
    "DEFAULT_REGION": "CN",
    "VOICE_ZH": "Polly.Zhiyu",
    "VOICE_EN": "Polly.Joanna",
    "SAY_LANGUAGE_ZH": "cmn-CN",
    "SAY_LANGUAGE_EN": "en-US",
    "GATHER_TIMEOUT": 8,
    "MAX_STEP_TRIES": 3,
    "MAX_CALL_VERIFY_FAILURES": 3,
    "LOCKOUT_FAILURES": 5,
    "LOCKOUT_HOURS": 24,
    "PASSWORD_HASH_METHOD": "scrypt",
    "OPERATOR_HOURS": "Mon-Fri 08:30-17:30",  # in IVR_TIMEZONE; "Mon-Fri 08:30-17:30; Sat 09:00-12:00"
    "OPERATOR_NUMBER": None,  # E.164; unset: the operator cannot be reached by phone
    "OPERATOR_RING_SECONDS": 25,
    # The operator queue for a team (docs/menu.md); empty: key 0 dials OPERATOR_NUMBER instead.
    "OPERATOR_QUEUE": "",
    "QUEUE_ANNOUNCE_SECONDS": 30,  # how often a waiting caller hears their place
    "QUEUE_WAIT_LIMIT_SECONDS": 300,  # past this wait the caller is offered a callback outright
    "AGENT_LANGUAGE": "zh",  # the language operators hear who is coming in
    "CALLBACK_MAX_ATTEMPTS": 3,  # unanswered tries in a day before a callback counts as unreached
    "CALLBACK_DUE_STAFFED_HOURS": 4,  # a callback not reached within these staffed hours is overdue
    "CALLBACK_CLAIM_MINUTES": 30,  # an operator's claim on a callback lapses after this
    "ALLOW_PHONE_CANCEL": True,
    "RUN_SCHEDULER": None,  # None: in-process scheduler only for `python app.py`
    "REPLACEMENT_WORKING_DAYS": 15,
    "COLLECTION_WINDOW_DAYS": 180,
    "COLLECTION_REMINDER_DAYS": "7,30",
    "COLLECTION_REMINDER_AT": "10:00",
    # Reminder engine (docs/reminders.md)
    "SMS_QUIET_HOURS": "21:00-08:00",  # local time; reminders wait, confirmations do not
    "SMS_BATCH_SIZE": 100,
    "SMS_LEASE_SECONDS": 120,
    "SMS_HANDOVER_CHUNK": 50,  # messages marked "handed to the provider" per transaction
    "SMS_MAX_ATTEMPTS": 5,
    "SMS_RETRY_BASE_SECONDS": 30,
    "SMS_RETRY_MAX_SECONDS": 3600,
    "SMS_HTTP_TIMEOUT": 15,
    "SMS_OUTCOME_WAIT_SECONDS": 600,
    "SMS_MAX_VALIDITY_SECONDS": 14400,
    "SMS_DISPATCH_SECONDS": 5,
    "LAPSE_CHECK_SECONDS": 60,
    "UNCOLLECTED_CHECK_SECONDS": 3600,  # also how often old Idempotency-Key answers are dropped
    "IDEMPOTENCY_KEEP_DAYS": 7,
    "CONSOLE_PAGE_SIZE": 50,
    "CONSOLE_SESSION_HOURS": 8,
    "CONSOLE_SIGNIN_MAX_FAILURES": 10,  # per name, all addresses, in the window: then only known addresses
    "CONSOLE_SIGNIN_MAX_FAILURES_PER_ADDRESS": 20,  # per address, all names: then only names known there
    "CONSOLE_SIGNIN_FREE_FAILURES": 3,  # per (name, address) before the growing waits start
    "CONSOLE_SIGNIN_BASE_DELAY_SECONDS": 2,  # first wait; doubles with each further failure
    "CONSOLE_FRESH_MINUTES": 15,  # account changes need a password typed within this long
    "CONSOLE_SIGNIN_WINDOW_MINUTES": 15,
    "CONSOLE_SECURE_COOKIES": None,  # None: secure (HTTPS-only) cookies when IVR_ENV=production
    "OPERATOR_PASSWORD_MIN_LENGTH": 10,
}

INT_KEYS = {
    "PRELOSS_VALID_DAYS", "GATHER_TIMEOUT", "MAX_STEP_TRIES", "MAX_CALL_VERIFY_FAILURES",
    "LOCKOUT_FAILURES", "LOCKOUT_HOURS",
    "REPLACEMENT_WORKING_DAYS", "COLLECTION_WINDOW_DAYS",
    "SMS_BATCH_SIZE", "SMS_LEASE_SECONDS", "SMS_MAX_ATTEMPTS", "SMS_RETRY_BASE_SECONDS",
    "SMS_RETRY_MAX_SECONDS", "SMS_HTTP_TIMEOUT", "SMS_OUTCOME_WAIT_SECONDS",
    "SMS_MAX_VALIDITY_SECONDS", "SMS_DISPATCH_SECONDS", "LAPSE_CHECK_SECONDS",
    "SMS_HANDOVER_CHUNK", "UNCOLLECTED_CHECK_SECONDS", "IDEMPOTENCY_KEEP_DAYS",
    "CONSOLE_PAGE_SIZE", "CONSOLE_SESSION_HOURS", "CONSOLE_SIGNIN_MAX_FAILURES",
    "CONSOLE_SIGNIN_MAX_FAILURES_PER_ADDRESS", "CONSOLE_SIGNIN_WINDOW_MINUTES", "OPERATOR_PASSWORD_MIN_LENGTH",
    "CONSOLE_SIGNIN_FREE_FAILURES", "CONSOLE_SIGNIN_BASE_DELAY_SECONDS", "CONSOLE_FRESH_MINUTES",
    "OPERATOR_RING_SECONDS", "QUEUE_ANNOUNCE_SECONDS", "QUEUE_WAIT_LIMIT_SECONDS", "CALLBACK_MAX_ATTEMPTS",
    "CALLBACK_DUE_STAFFED_HOURS", "CALLBACK_CLAIM_MINUTES",
}
BOOL_KEYS = {"AUTO_MIGRATE", "IVR_DEMO_DATA", "RUN_SCHEDULER", "ALLOW_PHONE_CANCEL", "CONSOLE_SECURE_COOKIES"}
TRUE_WORDS = {"1", "true", "yes", "on"}


class ConfigError(RuntimeError):
    """The configuration cannot run the hotline; the message says what to set."""


def from_environment(environ=os.environ):
    """Pick the known keys out of the environment, typed like their defaults."""
    found = {}
    for key in DEFAULTS:
        raw = environ.get(key)
        if raw is None or raw == "":
            continue
        if key in INT_KEYS:
            try:
                found[key] = int(raw)
            except ValueError:
                raise ConfigError(f"{key} must be a whole number, not {raw!r}") from None
        elif key in BOOL_KEYS:
            found[key] = raw.strip().lower() in TRUE_WORDS
        else:
            found[key] = raw
    return found


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
    if not config.get("ID_HASH_KEY"):
        config["ID_HASH_KEY"] = config["SECRET_KEY"]
    if config["SMS_BACKEND"] not in ("console", "file", "twilio"):
        raise ConfigError("SMS_BACKEND must be console, file or twilio")
    if config["SMS_BACKEND"] == "file" and not config.get("SMS_FILE"):
        config["SMS_FILE"] = os.path.join(instance_path, "sms.jsonl")
    check_operator(config)
    if config["IVR_ENV"] == "production":
        missing = [] if config.get("TWILIO_AUTH_TOKEN") else ["TWILIO_AUTH_TOKEN"]
        if config.get("SECRET_KEY") in (None, "", DEFAULTS["SECRET_KEY"]):
            missing.append("SECRET_KEY")
        if missing:
            raise ConfigError(
                "Refusing to start in production without " + " and ".join(missing)
                + ". Set them in the environment (see README, Configuration)."
            )
    return config


def check_operator(config):
    """Staffed hours must be readable and the operator's number dialable, or the app will not start."""
    from . import operator_hours, phones

    try:
        operator_hours.parse(config["OPERATOR_HOURS"])
    except operator_hours.BadHours as exc:
        raise ConfigError(str(exc)) from None
    if config.get("OPERATOR_NUMBER"):
        try:
            config["OPERATOR_NUMBER"] = phones.to_e164(config["OPERATOR_NUMBER"], config["DEFAULT_REGION"])
        except phones.BadPhoneNumber:
            raise ConfigError("OPERATOR_NUMBER must be a phone number, e.g. +861012345678") from None
