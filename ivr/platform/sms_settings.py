"""The SMS settings: which gateway sends, the mainland providers' keys and templates, the caller's
limits and the reminder engine's pace. Part of the one Settings model (ivr/platform/settings.py)."""

from typing import Literal

from pydantic import field_validator
from pydantic_settings import BaseSettings

from ivr.platform.settings_fields import hhmm, positive


class SmsSettings(BaseSettings):
    SMS_BACKEND: Literal["console", "file", "twilio", "aliyun", "tencent"] = "console"
    SMS_FILE: str | None = None
    # Mainland SMS (README "Mainland SMS"): approved templates, keys, and the delivery-report secret.
    SMS_TEMPLATES_FILE: str | None = None  # TOML: kind x language -> template code, text, parameters
    SMS_REPORT_TOKEN: str | None = None  # the secret path segment of the delivery-report URLs; unset: 404
    ALIYUN_ACCESS_KEY_ID: str | None = None
    ALIYUN_ACCESS_KEY_SECRET: str | None = None
    ALIYUN_SMS_ENDPOINT: str = "dysmsapi.aliyuncs.com"
    ALIYUN_SMS_PROTOCOL: Literal["https", "http"] = "https"  # http only for a local stand-in
    TENCENT_SECRET_ID: str | None = None
    TENCENT_SECRET_KEY: str | None = None
    TENCENT_SMS_SDK_APP_ID: str | None = None
    TENCENT_SMS_REGION: str = "ap-guangzhou"
    TENCENT_SMS_ENDPOINT: str = "sms.tencentcloudapi.com"
    TENCENT_SMS_PROTOCOL: Literal["https", "http"] = "https"  # http only for a local stand-in
    TENCENT_SMS_PULL_REPLIES: bool = False  # pull cardholders' texts (PullSmsReplyStatus) instead of the callback
    # SMS a caller can make the hotline send (callback acknowledgements, outlet information):
    # at most this many per destination, per caller ID and over all callers, per hour and per day.
    CALLER_SMS_DESTINATION_HOUR: int = positive(4)
    CALLER_SMS_DESTINATION_DAY: int = positive(8)
    CALLER_SMS_CALLER_HOUR: int = positive(6)
    CALLER_SMS_CALLER_DAY: int = positive(12)
    CALLER_SMS_OVERALL_HOUR: int = positive(300)
    CALLER_SMS_OVERALL_DAY: int = positive(2000)
    # Reminder engine (docs/reminders.md)
    SMS_QUIET_HOURS: str = "21:00-08:00"  # local time; reminders wait, confirmations do not; empty: none
    SMS_BATCH_SIZE: int = positive(100)
    SMS_LEASE_SECONDS: int = positive(120)
    SMS_HANDOVER_CHUNK: int = positive(50)  # messages marked "handed to the provider" per transaction
    SMS_MAX_ATTEMPTS: int = positive(5)
    SMS_RETRY_BASE_SECONDS: int = positive(30)
    SMS_RETRY_MAX_SECONDS: int = positive(3600)
    SMS_HTTP_TIMEOUT: int = positive(15)
    SMS_OUTCOME_WAIT_SECONDS: int = positive(600)
    SMS_MAX_VALIDITY_SECONDS: int = positive(14400)
    SMS_DISPATCH_SECONDS: int = positive(5)
    SMS_REPLY_PULL_SECONDS: int = positive(30)  # with TENCENT_SMS_PULL_REPLIES

    @field_validator("SMS_QUIET_HOURS")
    @classmethod
    def _quiet_hours(cls, value):
        if not value.strip():
            return ""
        start, sep, end = value.partition("-")
        try:
            if not sep:
                raise ValueError
            return f"{hhmm(start)}-{hhmm(end)}"
        except ValueError:
            raise ValueError("two local times like 21:00-08:00, or empty for no quiet hours") from None
