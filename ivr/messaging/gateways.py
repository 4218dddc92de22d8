"""Where an SMS actually goes: the console, a file, Twilio, or a mainland provider's approved templates."""

import json
import logging
import sys
import threading

from ivr.identity import phones
from ivr.messaging import templates
from ivr.messaging.aliyun_gateway import AliyunGateway
from ivr.messaging.envelope import Found
from ivr.messaging.tencent_gateway import TencentGateway
from ivr.messaging.twilio_gateway import TwilioGateway
from ivr.platform.config import ConfigError

log = logging.getLogger(__name__)


class ConsoleGateway:
    """Prints each SMS, for a developer's terminal."""

    def __init__(self, stream=None):
        self.stream = stream

    def send(self, message):
        stream = self.stream or sys.stdout
        print(f"[SMS {message.kind} to {phones.mask(message.to)}] {message.body}", file=stream, flush=True)
        return f"console-{message.id}"

    def lookup(self, message, since):
        """The console keeps no record: the engine cannot tell, so an operator decides."""
        return None


class FileGateway:
    """Appends one JSON object per line: id, to, body, kind, sent_at (for tests and tools)."""

    _lock = threading.Lock()

    def __init__(self, path, clock):
        self.path = path
        self.clock = clock

    def send(self, message):
        line = json.dumps(
            {
                "id": message.id,
                "to": message.to,
                "body": message.body,
                "kind": message.kind,
                "sent_at": self.clock().isoformat(),
                "validity_seconds": message.validity_seconds,
            },
            ensure_ascii=False,
        )
        with self._lock, open(self.path, "a", encoding="utf-8") as handle:
            handle.write(line + "\n")
        return f"file-{message.id}"

    def lookup(self, message, since):
        """Read the file back: the line with this message's id, or proof that there is none."""
        try:
            with open(self.path, encoding="utf-8") as handle:
                lines = [json.loads(line) for line in handle if line.strip()]
        except FileNotFoundError:
            lines = []
        if any(line.get("id") == message.id for line in lines):
            return Found(f"file-{message.id}", "sent")
        return Found("", "not_sent")


# What each mainland provider needs besides its templates file.
PROVIDER_SETTINGS = {
    "aliyun": ("ALIYUN_ACCESS_KEY_ID", "ALIYUN_ACCESS_KEY_SECRET"),
    "tencent": ("TENCENT_SECRET_ID", "TENCENT_SECRET_KEY", "TENCENT_SMS_SDK_APP_ID"),
}
PROVIDER_GATEWAYS = {"aliyun": AliyunGateway, "tencent": TencentGateway}


def template_book(config):
    """The checked templates of a mainland provider; ConfigError says what is missing or differs.

    Run at start-up and by `flask --app app sms check-templates`: a kind that could not be sent
    exactly as the catalogue words it stops the hotline from starting, not a cardholder's SMS.
    """
    backend = config["SMS_BACKEND"]
    missing = [key for key in ("SMS_TEMPLATES_FILE", *PROVIDER_SETTINGS[backend]) if not config.get(key)]
    if missing:
        raise ConfigError(f"SMS_BACKEND={backend} needs " + ", ".join(missing))
    try:
        book = templates.load(config["SMS_TEMPLATES_FILE"], backend)
    except templates.TemplateFileError as exc:
        raise ConfigError(str(exc)) from None
    problems = templates.problems(book, config)
    if problems:
        raise ConfigError("SMS templates do not match the catalogue:\n  " + "\n  ".join(problems))
    return book


def check_backend(config):
    """Refuse to start with a mainland provider whose templates cannot send every kind (see template_book)."""
    if config["SMS_BACKEND"] in PROVIDER_GATEWAYS:
        template_book(config)


def build_gateway(config, clock):
    backend = config["SMS_BACKEND"]
    if backend == "file":
        return FileGateway(config["SMS_FILE"], clock)
    if backend == "twilio":
        return TwilioGateway.from_config(config)
    if backend in PROVIDER_GATEWAYS:
        return PROVIDER_GATEWAYS[backend].from_config(config, template_book(config))
    return ConsoleGateway()
