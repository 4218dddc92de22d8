"""A pretend Twilio (or jambonz) for tests: posts what the engine posts, signed, and follows the
document it gets back.

`phone` calls the test app in Twilio's dialect; a test parametrized with `BOTH_ENGINES`
(tests/support/engines.py) runs with each engine's phone. jambonz's JSON verbs are checked
against jambonz's published schemas, then read as the TwiML they stand for (ivr/softphone/jambonz.py).
`make_phone(client, token)` calls anything with a Flask-like `post`."""

import itertools
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

from twilio.request_validator import RequestValidator

from ivr.softphone import jambonz
from tests.support.jambonz_schema import check_application
from tests.support.known import BASE, JAMBONZ_SECRET

_sids = itertools.count(1)
ENGLISH_KEY = "8"  # at the greeting (ivr/flows/menu.py)


def call_form(sid, caller, to, **extra):
    """The fields Twilio posts about an inbound call in progress (a caller's, or the operator line's)."""
    return {
        "CallSid": sid,
        "From": caller,
        "To": to,
        "AccountSid": "AC" + "1" * 32,
        "CallStatus": "in-progress",
        "Direction": "inbound",
        **extra,
    }


class Phone:
    """Places calls into the app under test."""

    def __init__(self, client, token, engine="twilio"):
        self.client = client
        self.token = token
        self.engine = engine

    def post(self, url, params, *, sign=True, gathered=False):
        """POST what the engine would: Twilio's form with X-Twilio-Signature over the absolute URL,
        or jambonz's JSON with its Jambonz-Signature (`gathered`: a gather's actionHook)."""
        absolute = urljoin(BASE + "/", url)
        if self.engine == "jambonz":
            body, headers = jambonz.encode(params, JAMBONZ_SECRET if sign else None, gathered=gathered)
            return self.client.post(absolute[len(BASE) :], data=body, headers=headers)
        headers = {}
        if sign and self.token:
            headers["X-Twilio-Signature"] = RequestValidator(self.token).compute_signature(absolute, params)
        return self.client.post(absolute[len(BASE) :], data=params, headers=headers)

    def fetch(self, url, params, *, gathered=False):
        """POST and read the reply as a <Response> element, whichever the engine's dialect."""
        response = self.post(url, params, gathered=gathered)
        assert response.status_code == 200, response.data
        if self.engine == "jambonz":
            assert response.content_type.startswith("application/json"), response.content_type
            check_application(response.get_json())
            root = ET.Element("Response")
            root.extend(jambonz.parse(response.data, response.content_type))
            return response.data, root
        assert response.content_type.startswith("text/xml"), response.content_type
        root = ET.fromstring(response.data)
        assert root.tag == "Response"
        return response.data, root

    def dial(self, caller="+8613800138000", *, language=None):
        call = Call(self, caller)
        call.ring()
        if language == "en":
            call.press(ENGLISH_KEY)  # Mandarin is the default: nothing to key for it
        return call


class Call:
    """One call: what the caller heard, and where the next key press goes."""

    def __init__(self, phone, caller):
        self.phone = phone
        self.sid = f"CA{next(_sids):032x}"
        self.caller = caller
        self.transcript = []  # (language, sentence) in the order heard
        self.turn_start = 0
        self.action = None
        self.finish_on_key = "#"
        self.listening = "dtmf"  # what the open <Gather> hears: its input attribute
        self.gathers = []  # every <Gather> met: (action path, its attributes)
        self.ended = False
        self.last_xml = None  # the last reply as the engine sent it (TwiML, or jambonz's JSON)
        self.last_document = None  # the same reply read as TwiML elements, whichever the engine
        self.requests = 0  # webhooks posted, redirects followed included

    # What the caller heard
    @property
    def heard(self):
        """Everything said since the last key press, as one string."""
        return " ".join(text for _, text in self.transcript[self.turn_start :])

    @property
    def all_heard(self):
        return " ".join(text for _, text in self.transcript)

    def rates_heard(self):
        """The SSML <prosody rate>s of the last reply, in order (a slower repeat, a slow reference)."""
        return [prosody.get("rate") for prosody in self.last_document.iter("prosody")]

    def languages_heard(self):
        return {language for language, _ in self.transcript[self.turn_start :]}

    # What the caller does
    def params(self, **extra):
        return call_form(self.sid, self.caller, "+8610096102", **extra)

    def ring(self):
        self.turn_start = len(self.transcript)
        self._fetch("/voice/incoming", self.params())
        return self

    def press(self, keys):
        """Key `keys`; like Twilio, a trailing finishOnKey ends the entry and is not sent."""
        if self.finish_on_key and keys.endswith(self.finish_on_key):
            keys = keys[: -len(self.finish_on_key)]
        return self._answer({"Digits": keys} if keys else {})

    def silence(self):
        return self._answer({})

    def say(self, words, confidence="0.9"):
        """Speak into the open <Gather>, as Twilio's recognizer hands words on (SpeechResult and
        Confidence; jambonz's `speech` in its dialect); a question listening for keys only must
        not be spoken to."""
        assert "speech" in self.listening.split(), f"this question listens for keys only: {self.heard[-80:]}"
        fields = {"SpeechResult": words} | ({"Confidence": confidence} if confidence is not None else {})
        return self._answer(fields)

    def _answer(self, extra):
        assert not self.ended, "the call has already ended"
        assert self.action, "nothing is waiting for keys"
        self.turn_start = len(self.transcript)
        self._fetch(self.action, self.params(**extra), gathered=True)
        return self

    def hang_up(self, duration=60):
        self.ended = True
        return self.phone.post("/voice/status", self.params(CallStatus="completed", CallDuration=str(duration)))

    def _fetch(self, url, params, hops=0, *, gathered=False):
        assert hops < 20, "redirect loop"
        self.last_xml, root = self.phone.fetch(url, params, gathered=gathered)
        self.last_document = root
        self.requests += 1
        self.action = None
        for verb in root:
            if verb.tag == "Say":
                self._say(verb)
            elif verb.tag == "Gather":
                for inner in verb:
                    assert inner.tag in ("Say", "Play", "Pause"), inner.tag
                    if inner.tag == "Say":
                        self._say(inner)
                self.action = urljoin(url, verb.get("action"))
                self.finish_on_key = verb.get("finishOnKey", "#")
                self.listening = verb.get("input", "dtmf")
                self.gathers.append((urljoin(url, verb.get("action")).split("?")[0], dict(verb.attrib)))
                return  # the caller is now keying; the Redirect after it runs only on a fall-through
            elif verb.tag == "Redirect":
                call_params = {k: v for k, v in params.items() if k not in ("Digits", "SpeechResult", "Confidence")}
                return self._fetch(urljoin(url, verb.text), call_params, hops + 1)
            elif verb.tag == "Hangup":
                self.ended = True
                return
            elif verb.tag == "Dial":
                self.dialled = verb
                return
            elif verb.tag == "Enqueue":
                # The caller now waits in Twilio's queue: tests/plugins/queue.py plays Twilio's part.
                self.enqueued = (urljoin(url, verb.get("waitUrl")), urljoin(url, verb.get("action")), verb.text)
                return
        self.ended = True  # no more verbs: Twilio hangs up

    def _say(self, verb):
        assert verb.get("language"), "every <Say> carries its language"
        language = "zh" if verb.get("language").startswith(("cmn", "zh")) else "en"
        # What is said, without the SSML around it (<prosody>, <break>): its text, in order.
        self.transcript.append((language, "".join(verb.itertext())))
