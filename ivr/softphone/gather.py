"""<Gather> as Twilio runs it: what it waits for, and what the caller's keys make of it."""

import re
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

from ivr.softphone.words import Refused

# A spoken turn as typed: "say: 我卡丢了", or with the recognizer's confidence, "say 0.4: 我卡丢了".
SPOKEN = re.compile(r"^say(?:\s+(0(?:\.\d+)?|1(?:\.0+)?))?\s*[:：]\s*(.*)$", re.IGNORECASE | re.DOTALL)
TYPED_CONFIDENCE = "0.9"  # what Twilio reports for a clear utterance, unless the turn says otherwise
MAX_WORDS = 200


def open_gather(verb, document, rest):
    """An open <Gather> as plain data, with the verbs after it kept for a fall-through."""
    number = verb.get("numDigits")
    return {
        "action": urljoin(document, verb.get("action") or document),
        "method": verb.get("method", "POST").upper(),
        "num_digits": int(number) if number else None,
        "finish_on_key": verb.get("finishOnKey", "#"),
        "timeout": int(verb.get("timeout", "5")),
        "on_empty": verb.get("actionOnEmptyResult", "false") == "true",
        "speech": "speech" in verb.get("input", "dtmf").split(),
        "document": document,
        "rest": "<Response>" + "".join(ET.tostring(v, encoding="unicode") for v in rest) + "</Response>",
    }


def collect(keys, gather):
    """(digits Twilio submits, keys pressed after the entry was complete).

    Entry ends at the finish key (not submitted), at numDigits, or, when the keys run out,
    at the timeout with whatever was keyed.
    """
    digits, finish, limit = "", gather["finish_on_key"], gather["num_digits"]
    for index, key in enumerate(keys):
        if finish and key == finish:
            return digits, keys[index + 1 :]
        digits += key
        if limit and len(digits) >= limit:
            return digits, keys[index + 1 :]
    return digits, ""


def outcome(gather, digits):
    """What Twilio does next: ("request", extra form fields) or ("fall_through", the verbs after)."""
    if digits:
        return "request", {"Digits": digits}
    if gather["on_empty"]:
        return "request", {}
    # No input and no actionOnEmptyResult: Twilio goes on with the next verb of the document.
    return "fall_through", list(ET.fromstring(gather["rest"]))


def spoken_turn(text):
    """("我卡丢了", "0.9") for a typed "say: 我卡丢了" (or "say 0.4: ..."); None for keys."""
    match = SPOKEN.match(text.strip())
    if match is None:
        return None
    words = match.group(2).strip()
    if not words or len(words) > MAX_WORDS:
        raise Refused("refused.words", max=MAX_WORDS)
    return words, match.group(1) or TYPED_CONFIDENCE


def heard_speech(gather, words, confidence):
    """What Twilio does with speech: posts SpeechResult and Confidence when the <Gather> listens
    for speech; when it listens for keys only the words are not heard, as silence."""
    if not gather.get("speech"):
        return outcome(gather, "")
    return "request", {"SpeechResult": words, "Confidence": confidence}
