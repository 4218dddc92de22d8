"""Where an SMS actually goes: the console, a file, or Twilio."""

import json
import logging
import sys
import threading

from .. import phones

log = logging.getLogger(__name__)


class SendError(Exception):
    """The gateway did not take the message; `permanent` means trying again will not help."""

    def __init__(self, reason, *, permanent=False):
        super().__init__(reason)
        self.permanent = permanent


class ConsoleGateway:
    """Prints each SMS, for a developer's terminal."""

    def __init__(self, stream=None):
        self.stream = stream

    def send(self, message):
        stream = self.stream or sys.stdout
        print(f"[SMS {message.kind} to {phones.mask(message.to_number)}] {message.body}", file=stream, flush=True)
        return f"console-{message.id}"


class FileGateway:
    """Appends one JSON object per line: to, body, kind, sent_at (for tests and tools)."""

    _lock = threading.Lock()

    def __init__(self, path, clock):
        self.path = path
        self.clock = clock

    def send(self, message):
        line = json.dumps({
            "id": message.id, "to": message.to_number, "body": message.body, "kind": message.kind,
            "sent_at": self.clock().isoformat(),
        }, ensure_ascii=False)
        with self._lock, open(self.path, "a", encoding="utf-8") as handle:
            handle.write(line + "\n")
        return f"file-{message.id}"


def build_gateway(config, clock):
    backend = config["SMS_BACKEND"]
    if backend == "file":
        return FileGateway(config["SMS_FILE"], clock)
    if backend == "twilio":
        from .twilio_gateway import TwilioGateway

        return TwilioGateway.from_config(config)
    return ConsoleGateway()
