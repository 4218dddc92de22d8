"""Where an SMS actually goes: the console, a file, or Twilio (see twilio_gateway.py)."""

import json
import logging
import sys
import threading

from ivr.identity import phones
from ivr.messaging.envelope import Found
from ivr.messaging.twilio_gateway import TwilioGateway

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


def build_gateway(config, clock):
    backend = config["SMS_BACKEND"]
    if backend == "file":
        return FileGateway(config["SMS_FILE"], clock)
    if backend == "twilio":
        return TwilioGateway.from_config(config)
    return ConsoleGateway()
