"""A flaky stand-in for Twilio's Messages API on a loopback port, for fault injection.

Each POST gets the next fault from a seeded script: a normal 201, a 500, a 429, a reset before the
message is taken, a reset after it is taken, or an answer slower than the client's timeout (taken,
but the sender never hears so). GET lists what was taken, as Twilio's message log does, sometimes
slowly. `taken` is the phone's view: every message that really went out, with its copies.
"""

import json
import random
import socket
import struct
import threading
import time
from collections import Counter
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlparse

from ivr.calendar import clock
from tests.support.local_server import LocalServer

FAULTS = ("ok", "500", "429", "reset_before", "reset_after", "slow")


class FlakyTwilio(LocalServer):
    def __init__(self, *, seed, weights, slow_seconds, lookup_seconds=0.0):
        self.random, self.weights = random.Random(seed), weights
        self.slow_seconds, self.lookup_seconds = slow_seconds, lookup_seconds
        self.lock, self.taken, self.log, self.faults = threading.Lock(), Counter(), [], Counter()
        super().__init__()
        self.base = f"http://{self.address}"

    def next_fault(self):
        with self.lock:
            fault = self.random.choices(FAULTS, weights=[self.weights.get(f, 0) for f in FAULTS])[0]
            self.faults[fault] += 1
            return fault

    def take(self, form):
        with self.lock:
            sid = f"SM{len(self.log) + 1:032d}"
            self.taken[(form["To"], form["Body"])] += 1
            self.log.append(
                {
                    "sid": sid,
                    "to": form["To"],
                    "body": form["Body"],
                    "status": "delivered",
                    "date_created": format_datetime(clock.now()),
                    "account_sid": "AC" + "0" * 32,
                }
            )
            return self.log[-1]

    def handler(self):
        twilio = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_):
                pass

            def answer(self, status, payload):
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def reset(self):
                # SO_LINGER 0: close with RST, as a dropped connection looks to the client.
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.close_connection = True
                self.connection.close()

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                fault = twilio.next_fault()
                if fault == "reset_before":
                    return self.reset()
                if fault in ("500", "429"):
                    return self.answer(
                        int(fault),
                        {"code": 20500 if fault == "500" else 20429, "message": "flaky", "status": int(fault)},
                    )
                message = twilio.take(form)
                if fault == "reset_after":
                    return self.reset()
                if fault == "slow":
                    time.sleep(twilio.slow_seconds)
                self.answer(201, message)

            def do_GET(self):
                time.sleep(twilio.lookup_seconds)
                to = parse_qs(urlparse(self.path).query).get("To", [""])[0]
                with twilio.lock:
                    found = [m for m in reversed(twilio.log) if m["to"] == to][:20]
                self.answer(
                    200,
                    {
                        "messages": found,
                        "page": 0,
                        "page_size": 20,
                        "start": 0,
                        "end": len(found),
                        "uri": self.path,
                        "first_page_uri": self.path,
                        "next_page_uri": None,
                        "previous_page_uri": None,
                    },
                )

        return Handler


def flaky_twilio(*, seed, weights, slow_seconds, lookup_seconds=0.0):
    """A FlakyTwilio to use as a context manager: serving on a free loopback port inside `with`."""
    return FlakyTwilio(seed=seed, weights=weights, slow_seconds=slow_seconds, lookup_seconds=lookup_seconds)
