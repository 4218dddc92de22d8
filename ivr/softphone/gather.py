"""<Gather> as Twilio runs it: what it waits for, and what the caller's keys make of it."""

import xml.etree.ElementTree as ET
from urllib.parse import urljoin


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
