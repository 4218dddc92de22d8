"""The call engine: rings a hotline like Twilio (or jambonz) does and runs the document it answers.

No Flask here: a transport carries each request (see transports.py), and the whole state of
a call is a JSON-ready dict, so a web face can keep it in the database between key presses.
SoftCall is what a face drives (ring, keys, speech, waiting, hanging up); what it sends the hotline
is in webhooks.py, and how it runs the verbs that come back is in interpreter.py.
"""

import xml.etree.ElementTree as ET
from urllib.parse import urljoin

from ivr.softphone import gather, queues, webhooks
from ivr.softphone.interpreter import follow, run, turn
from ivr.softphone.line import HotlineError, new_state
from ivr.softphone.twiml import DTMF_KEYS, TwimlError
from ivr.softphone.words import Refused

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
            lambda: turn(self, self.line.url, "POST", {"CallStatus": "ringing"}),
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
            webhooks.note(self, "note.keys_only")
        what, detail = gather.heard_speech(pending, words, confidence)
        if what == "request":
            turn(self, pending["action"], pending["method"], detail)
        else:
            follow(self, run(self, detail, pending["document"]))

    def silence(self):
        """Say nothing until the <Gather> times out."""
        return self.press("")

    def hang_up(self):
        """The caller puts the phone down (in a queue conversation, the other side's TwiML goes on)."""
        if self.state["ended"]:
            return []
        start = len(self.events)
        webhooks.end(self, "caller")
        queues.hang_up_bridged(self)
        return self.events[start:]

    @property
    def queued(self):
        """The queue this call waits in (or talks to an operator from), or None."""
        return self.state.get("queue")

    def wait(self):
        """Keep waiting in the queue: ~30 s pass and Twilio plays the wait URL again."""
        return self._act(lambda: follow(self, queues.wait(self)), {"type": "wait"})

    def whisper(self, url, method, extra):
        """Run a <Queue url> document on this (queued) call as an operator takes it."""
        verbs = webhooks.fetch(self, url, method, extra)
        queues.check_whisper(verbs)
        follow(self, run(self, verbs, url))

    def resume(self, hop):
        """The other side of a queue conversation hung up: go on with `hop` (a request or None)."""
        start = len(self.events)
        try:
            follow(self, hop)
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
            webhooks.note(self, "note.late_keys", keys=leftover)
        what, detail = gather.outcome(pending, digits)
        if what == "request" and self.line.dialect == "jambonz":
            self.state["gathered"] = True  # jambonz says why a gather ended (keys or timeout)
            try:
                verbs = webhooks.fetch(self, pending["action"], pending["method"], detail)
            except (TwimlError, HotlineError) as exc:
                # jambonz logs a failed actionHook and goes on with the document it was running.
                self.events.append({"type": "error", "text": str(exc)})
                verbs, url = list(ET.fromstring(pending["rest"])), pending["document"]
            else:
                url = pending["action"]
            follow(self, run(self, verbs, url))
        elif what == "request":
            turn(self, pending["action"], pending["method"], detail)
        else:
            follow(self, run(self, detail, pending["document"]))

    def _failed(self, problem, code):
        """Twilio's answer to a broken reply: the fallback URL if there is one, else the end."""
        self.state["pending"] = None
        self.state["error"] = str(problem)  # in English, for the JSON transcript and logs
        self.events.append({"type": "error", "problem": problem.kept()})
        if self.line.fallback_url and not self.state["ended"]:
            fallback = urljoin(self.line.url, self.line.fallback_url)
            try:
                turn(self, fallback, "POST", {"ErrorCode": code, "ErrorUrl": self.state.get("last_url", "")})
            except (TwimlError, HotlineError) as exc:
                self.state["pending"] = None
                self.events.append({"type": "error", "problem": {"key": "fallback", "values": {"problem": exc.kept()}}})
            if self.state["pending"] is not None:
                return
        webhooks.end(self, "error")

    def params(self, **extra):
        """The form fields Twilio posts with every request of an inbound call."""
        return webhooks.params(self, **extra)
