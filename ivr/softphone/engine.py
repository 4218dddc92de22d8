"""The call engine: rings a hotline like Twilio (or jambonz) does and runs the document it answers.

No Flask here: a transport carries each request (see transports.py), and the whole state of
a call is a JSON-ready dict, so a web face can keep it in the database between key presses.
"""

import math
import xml.etree.ElementTree as ET
from datetime import datetime
from urllib.parse import urlencode, urljoin, urlsplit

from twilio.request_validator import RequestValidator

from ivr.softphone import gather, jambonz, queues
from ivr.softphone.line import API_VERSION, HotlineError, new_state
from ivr.softphone.twiml import DTMF_KEYS, TwimlError, heard, parse
from ivr.softphone.words import Refused

MAX_HOPS = 25  # requests in a row without the caller keying anything: a redirect loop
MAX_KEYS = 64


class SoftCall:
    """One call: ring it, press keys, stay silent, hang up; each returns the new transcript events."""

    def __init__(self, line, state=None):
        self.line = line
        self.state = state or new_state(line)

    # What the caller sees
    @property
    def events(self):
        return self.state["events"]

    @property
    def ended(self):
        return self.state["ended"]

    @property
    def error(self):
        return self.state["error"]

    @property
    def waiting(self):
        """The open <Gather> as a keypad needs it (how many keys, which ends, timeout), or None."""
        pending = self.state["pending"]
        if pending is None:
            return None
        shape = {k: pending[k] for k in ("num_digits", "finish_on_key", "timeout")}
        return {**shape, "speech": True} if pending.get("speech") else shape

    # What the caller does
    def ring(self):
        """Place the call: Twilio's first request to the Voice URL."""
        if self.state["requests"]:
            raise Refused("refused.rung")
        return self._act(
            lambda: self._turn(self.line.url, "POST", {"CallStatus": "ringing"}),
            {"type": "ring", "url": self.line.url, "from": self.line.caller},
        )

    def press(self, keys):
        """Key `keys` into the open <Gather>, as Twilio collects them."""
        keys = keys or ""
        if len(keys) > MAX_KEYS or not set(keys) <= DTMF_KEYS:
            raise Refused("refused.keys", max=MAX_KEYS)
        if self.state["ended"] or self.state["pending"] is None:
            raise Refused("refused.ended" if self.state["ended"] else "refused.no_keys")
        event = {"type": "keys", "keys": keys} if keys else {"type": "silence"}
        return self._act(lambda: self._gathered(keys), event)

    def say(self, words, confidence=gather.TYPED_CONFIDENCE):
        """Speak `words` into the open <Gather>, as Twilio's recognizer would hand them on."""
        if self.state["ended"] or self.state["pending"] is None:
            raise Refused("refused.ended" if self.state["ended"] else "refused.not_listening")
        return self._act(lambda: self._spoken(words, confidence), {"type": "speech", "words": words})

    def _spoken(self, words, confidence):
        pending, self.state["pending"] = self.state["pending"], None
        if not pending.get("speech"):
            self._note("note.keys_only")
        what, detail = gather.heard_speech(pending, words, confidence)
        if what == "request":
            self._turn(pending["action"], pending["method"], detail)
        else:
            self._follow(self._run(detail, pending["document"]))

    def silence(self):
        """Say nothing until the <Gather> times out."""
        return self.press("")

    def hang_up(self):
        """The caller puts the phone down (in a queue conversation, the other side's TwiML goes on)."""
        if self.state["ended"]:
            return []
        start = len(self.events)
        self._end("caller")
        queues.hang_up_bridged(self)
        return self.events[start:]

    @property
    def queued(self):
        """The queue this call waits in (or talks to an operator from), or None."""
        return self.state.get("queue")

    def wait(self):
        """Keep waiting in the queue: ~30 s pass and Twilio plays the wait URL again."""
        return self._act(lambda: self._follow(queues.wait(self)), {"type": "wait"})

    def whisper(self, url, method, extra):
        """Run a <Queue url> document on this (queued) call as an operator takes it."""
        verbs = self._fetch(url, method, extra)
        queues.check_whisper(verbs)
        self._follow(self._run(verbs, url))

    def resume(self, hop):
        """The other side of a queue conversation hung up: go on with `hop` (a request or None)."""
        start = len(self.events)
        try:
            self._follow(hop)
        except TwimlError as exc:
            self._failed(exc, code="12100")
        except HotlineError as exc:
            self._failed(exc, code="11200")
        return self.events[start:]

    # How Twilio runs it
    def _act(self, step, event):
        start = len(self.events)
        self.events.append(event)
        try:
            step()
        except TwimlError as exc:
            self._failed(exc, code="12100")  # Twilio's "document parse failure"
        except HotlineError as exc:
            self._failed(exc, code="11200")  # Twilio's "HTTP retrieval failure"
        return self.events[start:]

    def _gathered(self, keys):
        pending, self.state["pending"] = self.state["pending"], None
        digits, leftover = gather.collect(keys, pending)
        if leftover:
            self._note("note.late_keys", keys=leftover)
        what, detail = gather.outcome(pending, digits)
        if what == "request" and self.line.dialect == "jambonz":
            self.state["gathered"] = True  # jambonz says why a gather ended (keys or timeout)
            try:
                verbs = self._fetch(pending["action"], pending["method"], detail)
            except (TwimlError, HotlineError) as exc:
                # jambonz logs a failed actionHook and goes on with the document it was running.
                self.events.append({"type": "error", "text": str(exc)})
                verbs, url = list(ET.fromstring(pending["rest"])), pending["document"]
            else:
                url = pending["action"]
            self._follow(self._run(verbs, url))
        elif what == "request":
            self._turn(pending["action"], pending["method"], detail)
        else:
            self._follow(self._run(detail, pending["document"]))

    def _turn(self, url, method, extra):
        self._follow(("fetch", url, method, extra))

    def _follow(self, hop):
        hops = 0
        while hop is not None:
            hops += 1
            if hops > MAX_HOPS:
                raise HotlineError("http.loop", hops=MAX_HOPS)
            _, url, method, extra = hop
            verbs = self._fetch(url, method, extra)
            hop = self._run(verbs, url)

    def _fetch(self, url, method, extra):
        self.state["last_url"] = url
        status, content_type, body = self._request(url, method, extra)
        if status != 200:
            key = "http.signature" if status == 403 else "http.status"
            raise HotlineError(key, method=method, url=url, status=status)
        try:
            verbs = jambonz.parse(body, content_type) if self.line.dialect == "jambonz" else parse(body, content_type)
        except TwimlError as exc:
            raise TwimlError("document", method=method, url=url, problem=exc.kept()) from None
        if content_type.split(";")[0].strip().lower() == "text/html":
            self._note("note.html", url=url)
        return verbs

    def _request(self, url, method, extra):
        form = self.params(**extra)
        gathered = self.state.pop("gathered", False)
        if self.line.dialect == "jambonz":  # jambonz always POSTs JSON
            body, headers = jambonz.encode(form, self.line.token, gathered=gathered)
            self.state["requests"] += 1
            return self.line.transport.request("POST", url, body, headers)
        if method == "GET":
            url = url + ("&" if urlsplit(url).query else "?") + urlencode(form)
            form = {}
        headers = {}
        if self.line.token:
            headers["X-Twilio-Signature"] = RequestValidator(self.line.token).compute_signature(url, form)
        self.state["requests"] += 1
        return self.line.transport.request(method, url, form, headers)

    def params(self, **extra):
        """The form fields Twilio posts with every request of an inbound call."""
        state = self.state
        return {
            "CallSid": state["sid"],
            "AccountSid": self.line.account_sid,
            "From": state["caller"],
            "To": state["callee"],
            "Caller": state["caller"],
            "Called": state["callee"],
            "CallStatus": "in-progress",
            "Direction": "inbound",
            "ApiVersion": API_VERSION,
            **extra,
        }

    def _run(self, verbs, document):
        """Run verbs until the caller's turn, the end, or a request: then return ("fetch", ...)."""
        for index, verb in enumerate(verbs):
            name = verb.tag
            if name == "Gather":
                for inner in verb:
                    self._speak(inner, document)
                self.state["pending"] = gather.open_gather(verb, document, verbs[index + 1 :])
                return None
            if name == "Redirect":
                return "fetch", urljoin(document, verb.text.strip()), method_of(verb), {}
            if name == "Enqueue":
                return queues.enqueue(self, verb, document)
            if name == "Leave":
                return queues.leave(self)
            if name == "Dial" and verb.find("Queue") is not None:
                return queues.dial_queue(self, verb, document)
            if name == "Dial":
                status = self.line.dial_status
                number = " ".join(t.strip() for t in verb.itertext() if t.strip())
                self.events.append({"type": "dial", "number": number, "status": status})
                if verb.get("action"):
                    extra = {"DialCallStatus": status, "DialCallDuration": "0"}
                    return "fetch", urljoin(document, verb.get("action")), method_of(verb), extra
                continue
            if name == "Hangup":
                self._end("hotline")
                return None
            if name == "Reject":
                status = "busy" if verb.get("reason") == "busy" else "no-answer"
                self._end("rejected", status=status)
                return None
            self._speak(verb, document)
        if self.state.get("queue") or self.state.get("bridge"):
            return None  # in a queue the caller waits on (wait()); an operator line is talking
        self._end("ran_out")
        return None

    def _speak(self, verb, document):
        event = heard(verb, document)
        if event["type"] == "say":
            self.state["language"] = event["language"]
        self.events.append(event)

    def _note(self, key, **values):
        self.events.append({"type": "note", "note": {"key": key, "values": values}})

    def _failed(self, problem, code):
        """Twilio's answer to a broken reply: the fallback URL if there is one, else the end."""
        self.state["pending"] = None
        self.state["error"] = str(problem)  # in English, for the JSON transcript and logs
        self.events.append({"type": "error", "problem": problem.kept()})
        if self.line.fallback_url and not self.state["ended"]:
            fallback = urljoin(self.line.url, self.line.fallback_url)
            try:
                self._turn(fallback, "POST", {"ErrorCode": code, "ErrorUrl": self.state.get("last_url", "")})
            except (TwimlError, HotlineError) as exc:
                self.state["pending"] = None
                self.events.append({"type": "error", "problem": {"key": "fallback", "values": {"problem": exc.kept()}}})
            if self.state["pending"] is not None:
                return
        self._end("error")

    def _end(self, reason, status="completed"):
        """`reason`: why, as a key of words.py's end.* (caller, hotline, rejected, ran_out, error)."""
        if self.state["ended"]:
            return
        self.state["ended"], self.state["pending"] = True, None
        self.events.append({"type": "end", "reason": reason})
        if self.line.status_url:
            self._status_callback(status)

    def _status_callback(self, status):
        started = datetime.fromisoformat(self.state["started_at"])
        # Whole seconds rounded up, as a phone bill counts them: a call that happened lasted at least 1 s
        # (rounded down, every scripted call lasted 0 s and so did the dashboard's average).
        seconds = max(1, math.ceil((self.line.clock() - started).total_seconds()))
        url = urljoin(self.line.url, self.line.status_url)
        try:
            code, _, _ = self._request(url, "POST", {"CallStatus": status, "CallDuration": str(seconds)})
        except HotlineError as exc:
            code = exc.kept()  # said in the reader's language, like any problem
        if code != 200:
            self._note("note.status_refused", url=url, code=code)


def method_of(verb):
    return verb.get("method", "POST").upper()
