"""A pretend hotline with canned TwiML, for the softphone engine's tests (test_softphone_twiml_*, speech):
fixed replies by path, every request kept with its signature checked, and a clock that moves when told."""

from datetime import UTC, datetime
from urllib.parse import urlsplit

from twilio.request_validator import RequestValidator

from ivr.softphone import Line, SoftCall

VOICE = "http://hotline.test/voice/incoming"
TOKEN = "canned-token"


def doc(*verbs):
    return "<?xml version='1.0' encoding='UTF-8'?><Response>" + "".join(verbs) + "</Response>"


class Canned:
    """A pretend hotline: fixed replies by path, every request kept (and its signature checked)."""

    def __init__(self, pages):
        self.pages = pages
        self.requests = []

    def request(self, method, url, form, headers):
        signature = headers.get("X-Twilio-Signature", "")
        self.requests.append(
            {
                "method": method,
                "url": url,
                "form": form,
                "signed": RequestValidator(TOKEN).validate(url, form, signature),
            }
        )
        reply = self.pages.get(urlsplit(url).path, doc())
        return reply if isinstance(reply, tuple) else (200, "text/xml; charset=utf-8", reply.encode())

    def to(self, path):
        return [r for r in self.requests if urlsplit(r["url"]).path == path]


class Ticking:
    def __init__(self):
        self.now = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)

    def __call__(self):
        return self.now


def dial(pages, **line):
    hotline = Canned(pages)
    call = SoftCall(Line(hotline, url=VOICE, token=TOKEN, clock=line.pop("clock", Ticking()), **line))
    call.ring()
    return call, hotline


def said(call):
    return [e["text"] for e in call.events if e["type"] == "say"]
