"""Every setting of the hotline in one typed model, read from the environment and checked at start.

A bad value stops the web app and the scheduler before they serve anything, naming the setting,
the value and what it should look like (ivr/platform/config.py turns pydantic's errors into that sentence).
Values keep the plain types the rest of the code reads from `app.config` (times stay "HH:MM"
strings, day lists "7,30"): the model checks and tidies them, it does not change their shape.
"""

from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from pydantic import Field, field_validator, model_validator
from pydantic_settings import SettingsConfigDict

from ivr.calendar import staffed_hours as operator_hours
from ivr.platform.settings_fields import hhmm, positive
from ivr.platform.sms_settings import SmsSettings

# Keys whose empty value means something (the docs say so): everything else left empty is unset.
EMPTY_MEANS_NONE = frozenset(
    {"SMS_QUIET_HOURS", "COLLECTION_REMINDER_DAYS", "HOTLINE_NAME", "OPERATOR_HOURS", "OPERATOR_QUEUE"}
)


# The databases (and drivers) the hotline runs on: what requirements.txt installs.
SUPPORTED_DATABASES = frozenset({"postgresql", "postgresql+psycopg", "sqlite", "sqlite+pysqlite"})


class Settings(SmsSettings):
    """The hotline's settings; the README's Configuration table says what each means."""

    model_config = SettingsConfigDict(case_sensitive=True, extra="ignore", validate_default=True)

    IVR_ENV: Literal["development", "production"] = "development"
    DATABASE_URL: str | None = None  # None: SQLite under the instance folder
    # Seconds the web server and the scheduler wait at start for the database to be ready; 0: refuse at once.
    DATABASE_WAIT_SECONDS: int = Field(0, ge=0, le=3600)
    AUTO_MIGRATE: bool | None = None  # None: upgrade an embedded SQLite database on start
    SECRET_KEY: str = "dev-only-secret-key"
    ID_HASH_KEY: str | None = None  # None: derived from SECRET_KEY
    TWILIO_ACCOUNT_SID: str | None = None
    TWILIO_AUTH_TOKEN: str | None = None
    TWILIO_FROM_NUMBER: str | None = None
    TWILIO_MESSAGING_SERVICE_SID: str | None = None
    PUBLIC_BASE_URL: str | None = None
    # Which telephony engines may call /voice (README, "Voice engines"): twilio, jambonz or both.
    VOICE_ENGINE: str = "twilio"
    SIGNALWIRE_SIGNING_KEY: str | None = None  # accept X-SignalWire-Signature (TwiML dialect)
    JAMBONZ_WEBHOOK_SECRET: str | None = None  # the jambonz application's webhook secret
    JAMBONZ_TTS_VENDOR: str = "microsoft"  # a speech vendor set up in the jambonz portal
    JAMBONZ_TTS_LANGUAGE_ZH: str = "zh-CN"
    JAMBONZ_TTS_VOICE_ZH: str = "zh-CN-XiaoxiaoNeural"
    JAMBONZ_TTS_LANGUAGE_EN: str = "en-US"
    JAMBONZ_TTS_VOICE_EN: str = "en-US-JennyNeural"
    # The speech-to-text vendor set up in the jambonz portal for questions that listen for words;
    # it is handed SPEECH_LANGUAGE_ZH/_EN (Google's tags: cmn-Hans-CN, en-US).
    JAMBONZ_STT_VENDOR: str = "google"
    IVR_TIMEZONE: str = "Asia/Shanghai"
    HOTLINE_NAME: str = ""  # empty: the catalogue's default name in each language
    HOTLINE_NUMBER: str = "96102"
    PRELOSS_VALID_DAYS: int = positive(10)
    FORMAL_REMINDER_AT: str = "10:00"
    IVR_DEMO_DATA: bool | None = None  # None: on in development with the embedded database
    DEFAULT_REGION: str = "CN"
    VOICE_ZH: str = "Polly.Zhiyu"
    VOICE_EN: str = "Polly.Joanna"
    SAY_LANGUAGE_ZH: str = "cmn-CN"
    SAY_LANGUAGE_EN: str = "en-US"
    GATHER_TIMEOUT: int = positive(8)
    MAX_STEP_TRIES: int = positive(3)
    MAX_CALL_VERIFY_FAILURES: int = positive(2)  # then a person, or a call back (no third try)
    LOCKOUT_FAILURES: int = positive(5)
    LOCKOUT_HOURS: int = positive(24)
    PASSWORD_HASH_METHOD: str = "scrypt"  # operators' console passwords (Werkzeug)
    PASSWORD_PEPPER: str | None = None  # service passwords: "KEY" or "2:NEWKEY,1:OLDKEY" (first is current)
    PASSWORD_PEPPER_FILE: str | None = None  # or a file of VERSION:KEY lines, first current
    # In IVR_TIMEZONE; empty: never staffed. None: Mon-Fri 08:30-17:30, or every day in development's demo.
    OPERATOR_HOURS: str | None = None
    OPERATOR_NUMBER: str | None = None  # E.164; unset: the operator cannot be reached by phone
    OPERATOR_RING_SECONDS: int = positive(25)
    # The operator queue for a team (docs/menu.md); empty: key 0 dials OPERATOR_NUMBER instead.
    # None: "operators" in development's demo (ivr/platform/config.py), else none.
    OPERATOR_QUEUE: str | None = None
    QUEUE_ANNOUNCE_SECONDS: int = positive(30)  # how often a waiting caller hears their place
    QUEUE_WAIT_LIMIT_SECONDS: int = positive(300)  # past this wait the caller is offered a callback outright
    # The operator line's PIN: wrong PINs per line, and over all lines, within the window, before
    # no PIN is checked (the line's calls are ended) until the window has passed.
    OPERATOR_PIN_MAX_FAILURES: int = positive(5)
    OPERATOR_PIN_MAX_FAILURES_ALL: int = positive(20)
    OPERATOR_PIN_WINDOW_MINUTES: int = positive(15)
    AGENT_LANGUAGE: Literal["zh", "en"] = "zh"  # the language operators hear who is coming in
    # Regions besides DEFAULT_REGION whose mobiles and landlines a caller may key for a call back
    # (comma-separated codes like HK,MO); empty: the home region only.
    CALLBACK_EXTRA_REGIONS: str = ""
    CALLBACK_MAX_ATTEMPTS: int = positive(3)  # unanswered tries in a day before a callback counts as unreached
    CALLBACK_DUE_STAFFED_HOURS: int = positive(4)  # a callback not reached within these staffed hours is overdue
    CALLBACK_CLAIM_MINUTES: int = positive(30)  # an operator's claim on a callback lapses after this
    # Service levels (README, "What the hotline does"): answered within this many seconds counts as on time.
    SERVICE_LEVEL_SECONDS: int = positive(15)
    SERVICE_LEVEL_TARGET_PERCENT: int = Field(80, gt=0, le=100)  # the wallboard's target for the service level
    ANSWER_RATE_TARGET_PERCENT: int = Field(95, gt=0, le=100)  # GB/T 33358-2016: at least 95 % answered
    SERVICE_SUMMARY_SECONDS: int = positive(300)  # how often the scheduler sums the hours that are over
    # A caller who hangs up after waiting this long in the queue gets a callback request made for them.
    AUTO_CALLBACK_AFTER_SECONDS: int = positive(60)
    # What an operator may record after a conversation (codes; the console words the default ones).
    WRAPUP_CODES: str = "solved,preloss_filed,information_given,referred_to_outlet,callback_needed,complaint,other"
    ALLOW_PHONE_CANCEL: bool = True
    RUN_SCHEDULER: bool | None = None  # None: in-process scheduler only for `python app.py`
    REPLACEMENT_WORKING_DAYS: int = positive(15)
    COLLECTION_WINDOW_DAYS: int = positive(180)
    COLLECTION_REMINDER_DAYS: str = "7,30"  # empty: no collection reminders
    COLLECTION_REMINDER_AT: str = "10:00"
    LAPSE_CHECK_SECONDS: int = positive(60)
    UNCOLLECTED_CHECK_SECONDS: int = positive(3600)  # also how often old Idempotency-Key answers go
    IDEMPOTENCY_KEEP_DAYS: int = positive(7)
    # How long the app waits for its database: a hung database must not hang calls.
    DB_CONNECT_TIMEOUT: int = positive(3)  # seconds to open a connection
    DB_POOL_TIMEOUT: int = positive(3)  # seconds to wait for a free pooled connection
    # Connections each process keeps open: at least its threads (gunicorn.conf.py: 2), or every
    # busy moment opens and closes PostgreSQL backends; DB_POOL_OVERFLOW more are opened for a burst.
    DB_POOL_SIZE: int = positive(10)
    DB_POOL_OVERFLOW: int = Field(5, ge=0)
    DB_STATEMENT_TIMEOUT_MS: int = positive(3000)  # PostgreSQL statement_timeout (web and scheduler)
    DB_LOCK_TIMEOUT_MS: int = positive(2000)  # PostgreSQL lock_timeout
    DB_ANSWER_TIMEOUT: int = positive(4)  # seconds any one wait for the server may take (a frozen server)
    DB_REPORT_TIMEOUT: int = positive(60)  # seconds for one console report query
    SQLITE_BUSY_TIMEOUT_MS: int = positive(5000)  # how long an SQLite writer waits for another
    CONSOLE_PAGE_SIZE: int = positive(50)
    CONSOLE_SESSION_HOURS: int = positive(8)
    # per name, all addresses, in the window: then only addresses known for it
    CONSOLE_SIGNIN_MAX_FAILURES: int = positive(10)
    # per address, all names: then only names known there
    CONSOLE_SIGNIN_MAX_FAILURES_PER_ADDRESS: int = positive(20)
    CONSOLE_SIGNIN_FREE_FAILURES: int = positive(3)  # per (name, address) before the growing waits start
    CONSOLE_SIGNIN_BASE_DELAY_SECONDS: int = positive(2)  # first wait; doubles with each further failure
    CONSOLE_FRESH_MINUTES: int = positive(15)  # account changes need a password typed within this long
    CONSOLE_SIGNIN_WINDOW_MINUTES: int = positive(15)
    CONSOLE_SECURE_COOKIES: bool | None = None  # None: secure cookies when IVR_ENV=production
    OPERATOR_PASSWORD_MIN_LENGTH: int = positive(10)
    # Serving and operations (deploy/, README "Production")
    HOST: str = "127.0.0.1"  # `python app.py` binds here
    PORT: int = Field(5000, ge=0, le=65535)
    WEB_WORKERS: int = positive(2)  # `python app.py`'s gunicorn workers; gunicorn.conf.py sizes its own
    WEB_THREADS: int | None = Field(None, gt=0)  # None: 1 on SQLite, 2 elsewhere (ivr/platform/sizing.py)
    TRUSTED_PROXIES: int = Field(0, ge=0, le=5)  # proxies in front that set X-Forwarded-*; 0: none
    METRICS_TOKEN: str | None = None  # /metrics wants "Authorization: Bearer <token>"; unset: 404
    LOG_FORMAT: Literal["json", "text"] | None = None  # None: text at a terminal, JSON elsewhere and in production
    LOG_LEVEL: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # Speech (README "Speech"; ivr/voice/understanding.py). On: elderly and landline callers may say
    # what they need; keys still work on every question that listens. Off: keys only, and the
    # prompts never mention speaking.
    SPEECH_ENABLED: bool = True
    # <Gather speechModel>: Google STT V2's telephony model, one of the provider models Twilio's
    # <Gather> docs let a hotline name (Twilio's own phone_call and experimental_* lack Mandarin).
    SPEECH_MODEL: str = "googlev2_telephony"
    SPEECH_LANGUAGE_ZH: str = "cmn-Hans-CN"  # <Gather language> for Mandarin callers (BCP-47)
    SPEECH_LANGUAGE_EN: str = "en-US"
    # Seconds of silence that end an answer; whole seconds, as Twilio wants with a speechModel.
    SPEECH_TIMEOUT_ZH: int = positive(2)
    SPEECH_TIMEOUT_EN: int = positive(2)
    # Below this reported Confidence (0..1) the caller is asked to confirm what was heard.
    SPEECH_MIN_CONFIDENCE: float = Field(0.6, ge=0, le=1)

    @model_validator(mode="before")
    @classmethod
    def _empty_is_unset(cls, data):
        """`KEY=` in an environment file is unset, except where empty has a documented meaning."""
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not (v == "" and k not in EMPTY_MEANS_NONE)}
        return data

    @field_validator("LOG_LEVEL", mode="before")
    @classmethod
    def _level(cls, value):
        return value.upper() if isinstance(value, str) else value

    @field_validator("FORMAL_REMINDER_AT", "COLLECTION_REMINDER_AT")
    @classmethod
    def _local_time(cls, value):
        return hhmm(value)

    @field_validator("COLLECTION_REMINDER_DAYS")
    @classmethod
    def _day_list(cls, value):
        parts = [part.strip() for part in value.split(",") if part.strip()]
        if not all(part.isdigit() and int(part) > 0 for part in parts):
            raise ValueError("whole days after the card is ready, like 7,30, or empty for no reminders")
        return ",".join(str(int(part)) for part in parts)

    @field_validator("WRAPUP_CODES")
    @classmethod
    def _codes(cls, value):
        codes = [code.strip() for code in value.split(",") if code.strip()]
        if not codes or not all(
            code.isascii() and code.replace("_", "").isalnum() and len(code) <= 32 for code in codes
        ):
            raise ValueError("codes of letters, digits and _ (at most 32 each), separated by commas, like solved,other")
        return ",".join(dict.fromkeys(codes))

    @field_validator("VOICE_ENGINE")
    @classmethod
    def _voice_engines(cls, value):
        engines = [part.strip().lower() for part in value.split(",") if part.strip()]
        if not engines or not set(engines) <= {"twilio", "jambonz"}:
            raise ValueError("twilio, jambonz, or both as twilio,jambonz")
        return ",".join(dict.fromkeys(engines))

    @field_validator("IVR_TIMEZONE")
    @classmethod
    def _timezone(cls, value):
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("an IANA time zone like Asia/Shanghai") from None
        return value

    @field_validator("DEFAULT_REGION")
    @classmethod
    def _region(cls, value):
        if value.upper() not in phonenumbers.SUPPORTED_REGIONS:
            raise ValueError("a two-letter region code like CN")
        return value.upper()

    @field_validator("CALLBACK_EXTRA_REGIONS")
    @classmethod
    def _regions(cls, value):
        codes = [code.strip().upper() for code in value.split(",") if code.strip()]
        if not all(code in phonenumbers.SUPPORTED_REGIONS for code in codes):
            raise ValueError("two-letter region codes like HK,MO, or empty")
        return ",".join(codes)

    @field_validator("PUBLIC_BASE_URL")
    @classmethod
    def _base_url(cls, value):
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError("the URL Twilio calls, like https://hotline.example.cn")
        return value.rstrip("/") if value else value

    @field_validator("DATABASE_URL")
    @classmethod
    def _database_url(cls, value):
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        if value is not None:
            try:
                drivername = make_url(value).drivername
            except ArgumentError:
                raise ValueError("a database URL like postgresql://user@host/db") from None
            if drivername not in SUPPORTED_DATABASES:
                raise ValueError(
                    "a PostgreSQL or SQLite URL (postgresql://user@host/db, sqlite:///path); "
                    f"{drivername} is not supported"
                )
        return value

    @field_validator("OPERATOR_HOURS")
    @classmethod
    def _operator_hours(cls, value):
        if value is None:
            return value
        try:
            operator_hours.parse(value)
        except operator_hours.BadHours as exc:
            raise ValueError(f"staffed hours like Mon-Fri 08:30-17:30 ({exc})") from None
        return value


DEFAULTS = {name: field.default for name, field in Settings.model_fields.items()}
