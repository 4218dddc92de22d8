"""The softphone speaking jambonz's dialect: requests as jambonz posts them, replies as it runs them.

jambonz posts JSON with its own field names and a `Jambonz-Signature`, and is answered with an
array of JSON verbs. This module turns the engine's Twilio-named request fields into jambonz's
payload, and jambonz's verbs into the TwiML elements the engine already runs, with jambonz's
semantics where they differ (a `gather` always posts its actionHook, with reason "timeout" on
silence). Written from jambonz's documentation, independently of the hotline's own renderer.
"""

import hashlib
import hmac
import json
import time
import xml.etree.ElementTree as ET

from ivr.softphone.twiml import TwimlError

CONTENT_TYPE = "application/json"
# Twilio's request field -> jambonz's, and whether jambonz sends it as a number.
FIELDS = {
    "CallSid": ("call_sid", False),
    "AccountSid": ("account_sid", False),
    "From": ("from", False),
    "To": ("to", False),
    "CallStatus": ("call_status", False),
    "Direction": ("direction", False),
    "Digits": ("digits", False),
    "CallDuration": ("duration", True),
    "DialCallStatus": ("dial_call_status", False),
    "DequeueResult": ("dequeueResult", False),
    "QueueResult": ("queueResult", False),
    "QueueSid": ("queueSid", False),
    "QueueTime": ("queueTime", True),
    "QueuePosition": ("queuePosition", True),
    "CurrentQueueSize": ("queueSize", True),
}
# jambonz counts the caller at a queue's head as 0 (waitHook's queuePosition); Twilio as 1.
ZERO_BASED = {"queuePosition"}
VERBS = {"say", "pause", "gather", "redirect", "hangup", "enqueue", "leave", "dial", "dequeue", "play"}


def payload(form, *, gathered=False):
    """jambonz's JSON body for a request the engine describes with Twilio's field names.

    `gathered`: this is a gather's actionHook, which says why it ended (keys, or the timeout).
    """
    body = {"sip_status": 200}
    for name, value in form.items():
        if name not in FIELDS:
            continue
        key, numeric = FIELDS[name]
        body[key] = int(value) - (key in ZERO_BASED) if numeric and str(value).isdigit() else value
    if form.get("SpeechResult"):  # what jambonz's recognizer heard: its best alternative
        alternative = {"transcript": form["SpeechResult"]}
        if form.get("Confidence"):
            alternative["confidence"] = float(form["Confidence"])
        body["speech"] = {"is_final": True, "alternatives": [alternative]}
    if gathered:
        body["reason"] = "dtmfDetected" if body.get("digits") else "speechDetected" if "speech" in body else "timeout"
    return body


def encode(form, secret, *, gathered=False, now=None):
    """(body bytes, headers) as jambonz sends them, signed when a webhook secret is set."""
    body = json.dumps(payload(form, gathered=gathered), separators=(",", ":")).encode()
    return body, headers_for(body, secret, now=now)


def headers_for(body, secret, *, now=None):
    """The headers jambonz sends with `body` (bytes): its type, and its signature when a secret is set."""
    headers = {"Content-Type": CONTENT_TYPE}
    if secret:
        stamp = int(now if now is not None else time.time())
        digest = hmac.new(secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
        headers["Jambonz-Signature"] = f"t={stamp},v1={digest}"
    return headers


def parse(body, content_type=""):
    """jambonz verbs as the TwiML elements the engine runs; TwimlError for what jambonz would refuse."""
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind != CONTENT_TYPE:
        raise TwimlError("jambonz.type", kind=kind or "untyped")
    try:
        verbs = json.loads(body)
    except ValueError as exc:
        raise TwimlError("jambonz.not_json", detail=str(exc)) from None
    if not isinstance(verbs, list) or not all(isinstance(v, dict) and "verb" in v for v in verbs):
        raise TwimlError("jambonz.shape")
    return [element for verb in verbs for element in elements(verb)]


def elements(verb):
    """The TwiML elements one verb stands for: a `say` of several texts is several <Say>s."""
    if verb["verb"] == "say":
        return says(verb)
    return [element(verb)]


def element(verb):
    name = verb["verb"]
    if name not in VERBS:
        raise TwimlError("jambonz.verb", verb=repr(name))
    if name == "pause":
        return ET.Element("Pause", length=str(verb.get("length", 1)))
    if name == "gather":
        return gather(verb)
    if name == "redirect":
        redirect = ET.Element("Redirect")
        redirect.text = verb["actionHook"]
        return redirect
    if name in ("hangup", "leave"):
        return ET.Element(name.capitalize())
    if name == "enqueue":
        enqueue = ET.Element("Enqueue", hooks(verb, action="actionHook", waitUrl="waitHook"))
        enqueue.text = verb["name"]
        return enqueue
    if name == "play":
        play = ET.Element("Play")
        play.text = verb.get("url", "")
        return play
    return dial(verb)


def says(verb):
    """A `say` as <Say>s, one for each of its texts (jambonz plays an array's texts in turn); its
    synthesizer's language is what the caller hears them in."""
    language = (verb.get("synthesizer") or {}).get("language", "en-US")
    texts = verb.get("text", "")
    return [said(text, language) for text in (texts if isinstance(texts, list) else [texts])]


def said(text, language):
    """One text as a <Say>: a <speak> document's SSML (<prosody>, <break>) kept inside it, as
    Twilio's <Say> holds SSML, so a reader hears the same rate and pauses on both engines."""
    element = ET.Element("Say", language=language)
    if not text.startswith("<speak"):
        element.text = text
        return element
    try:
        speak = ET.fromstring(text)
    except ET.ParseError as exc:
        raise TwimlError("jambonz.ssml", detail=str(exc)) from None
    element.text = speak.text
    element.extend(speak)
    return element


def gather(verb):
    if "digits" not in verb.get("input", ["digits"]):
        raise TwimlError("jambonz.speech_only")
    attributes = {
        "action": verb["actionHook"],
        "timeout": str(verb.get("timeout", 5)),
        "finishOnKey": verb.get("finishOnKey", ""),
        "actionOnEmptyResult": "true",  # jambonz always posts the actionHook, with reason "timeout"
        "input": "dtmf speech" if "speech" in verb.get("input", []) else "dtmf",
    }
    if verb.get("numDigits"):
        attributes["numDigits"] = str(verb["numDigits"])
    collect = ET.Element("Gather", attributes)
    if verb.get("say"):
        collect.extend(says(verb["say"]))
    return collect


def dial(verb):
    """`dial` rings its targets; `dequeue` takes a caller from a queue (as <Dial><Queue>)."""
    attributes = hooks(verb, action="actionHook")
    if "timeout" in verb:
        attributes["timeout"] = str(verb["timeout"])
    out = ET.Element("Dial", attributes)
    if verb["verb"] == "dequeue":
        out.set("dequeue", "true")
        if verb.get("callSid"):
            out.set("callSid", verb["callSid"])  # that caller, not the head of the queue
        ET.SubElement(out, "Queue").text = verb["name"]
    else:
        for target in verb.get("target", []):
            ET.SubElement(out, "Number").text = target.get("number", "")
    return out


def hooks(verb, **names):
    return {attribute: verb[hook] for attribute, hook in names.items() if verb.get(hook)}
