"""Reading a TwiML document as Twilio does: refuse what Twilio would refuse, with a clear reason."""

import xml.etree.ElementTree as ET
from urllib.parse import urljoin

from ivr.softphone.words import Problem

# Every verb Twilio's voice TwiML knows; the softphone runs the first group and refuses the rest
# by name, so a developer can tell "Twilio would refuse this" from "the softphone cannot play this".
RUNNABLE = {"Say", "Play", "Pause", "Gather", "Redirect", "Dial", "Hangup", "Reject", "Enqueue", "Leave"}
NOT_RUNNABLE = {"Connect", "Echo", "Pay", "Record", "Refer", "Sms", "Start", "Stop", "Prompt"}
INSIDE_GATHER = {"Say", "Play", "Pause"}
DIAL_NOUNS = {"Number", "Client", "Conference", "Queue", "Sip", "Application", "WhatsApp"}
SSML = {
    "break",
    "emphasis",
    "lang",
    "p",
    "phoneme",
    "prosody",
    "s",
    "say-as",
    "sub",
    "w",
    "amazon:effect",
    "amazon:domain",
}
DTMF_KEYS = set("0123456789*#")
METHODS = {"GET", "POST"}


class TwimlError(Problem, ValueError):
    """The document is not TwiML that Twilio would run; its key and values say why (words.py)."""


def parse(body, content_type=""):
    """The verbs of a TwiML document, checked; raises TwimlError for anything Twilio would refuse."""
    kind = (content_type or "").split(";")[0].strip().lower()
    # Twilio also reads text/html as TwiML; the engine warns about it (a common slip).
    if kind and kind not in ("text/xml", "application/xml", "text/html"):
        raise TwimlError("twiml.type", kind=kind)
    if isinstance(body, str):
        body = body.encode("utf-8")
    if not body.strip():
        raise TwimlError("twiml.empty")
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise TwimlError("twiml.malformed", detail=str(exc)) from None
    if root.tag != "Response":
        raise TwimlError("twiml.root", tag=root.tag)
    verbs = list(root)
    for verb in verbs:
        check_verb(verb)
    return verbs


def check_verb(verb, parent="Response"):
    """One verb and what it holds."""
    name = verb.tag
    if parent == "Gather" and name not in INSIDE_GATHER:
        raise TwimlError("twiml.in_gather", verb=name)
    if name in NOT_RUNNABLE:
        raise TwimlError("twiml.not_runnable", verb=name)
    if name not in RUNNABLE:
        raise TwimlError("twiml.not_verb", verb=name)
    if name == "Gather":
        check_gather(verb)
        for inner in verb:
            check_verb(inner, "Gather")
    elif name == "Say":
        for inner in verb.iter():
            if inner is not verb and inner.tag not in SSML:
                raise TwimlError("twiml.say_holds", tag=inner.tag)
    elif name == "Dial":
        for noun in verb:
            if noun.tag not in DIAL_NOUNS:
                raise TwimlError("twiml.dial_noun", tag=noun.tag)
        if not (verb.text or "").strip() and not len(verb):
            raise TwimlError("twiml.dial_empty")
        for queue in verb.findall("Queue"):
            if not (queue.text or "").strip():
                raise TwimlError("twiml.queue_name")
        check_method(verb)
    elif name == "Enqueue":
        if not (verb.text or "").strip() or len((verb.text or "").strip()) > 64:
            raise TwimlError("twiml.enqueue_name")
        check_method(verb)
        if verb.get("waitUrlMethod", "POST").upper() not in METHODS:
            raise TwimlError("twiml.wait_method")
    elif name == "Redirect":
        if not (verb.text or "").strip():
            raise TwimlError("twiml.redirect_url")
        check_method(verb)
    elif len(verb):
        raise TwimlError("twiml.holds", verb=name, tag=verb[0].tag)
    if name == "Pause":
        whole_number(verb, "length", 1)


def check_gather(verb):
    check_method(verb)
    whole_number(verb, "timeout", 5)
    if verb.get("numDigits") is not None and whole_number(verb, "numDigits", 0) < 1:
        raise TwimlError("twiml.num_digits")
    key = verb.get("finishOnKey", "#")
    if key != "" and (len(key) != 1 or key not in DTMF_KEYS):
        raise TwimlError("twiml.finish_key", key=repr(key))
    if verb.get("actionOnEmptyResult", "false") not in ("true", "false"):
        raise TwimlError("twiml.empty_result")
    if "dtmf" not in verb.get("input", "dtmf").split():
        raise TwimlError("twiml.speech_only")


def check_method(verb):
    method = verb.get("method", "POST").upper()
    if method not in METHODS:
        raise TwimlError("twiml.method", verb=verb.tag, method=repr(verb.get("method")))


def whole_number(verb, attribute, default):
    raw = verb.get(attribute)
    if raw is None:
        return default
    if not raw.strip().isdigit():
        raise TwimlError("twiml.number", verb=verb.tag, attribute=attribute, raw=repr(raw))
    return int(raw)


def heard(verb, document):
    """The transcript event for a <Say>, <Play> or <Pause>; URLs resolved against `document`."""
    if verb.tag == "Say":
        return {
            "type": "say",
            "text": spoken_text(verb),
            "language": speech_language(verb.get("language")),
            "voice": verb.get("voice"),
        }
    if verb.tag == "Play":
        return {"type": "play", "url": urljoin(document, (verb.text or "").strip()), "digits": verb.get("digits")}
    return {"type": "pause", "seconds": int(verb.get("length", "1"))}


def spoken_text(say):
    """What a <Say> speaks, SSML tags removed."""
    return " ".join("".join(say.itertext()).split())


def speech_language(attribute):
    """A browser speech language (BCP 47) for a <Say language>: Twilio's cmn-CN is zh-CN."""
    language = (attribute or "en-US").strip()
    if language.lower().startswith(("cmn", "zh")):
        return "zh-CN"
    return language
