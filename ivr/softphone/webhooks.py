"""What the softphone sends the hotline during a call, as Twilio (or jambonz) would: the form fields,
signed; the answer read as verbs; and the status callback when the call ends."""

import math
from datetime import datetime
from urllib.parse import urlencode, urljoin, urlsplit

from twilio.request_validator import RequestValidator

from ivr.softphone import jambonz
from ivr.softphone.line import API_VERSION, HotlineError
from ivr.softphone.twiml import TwimlError, parse


def params(call, **extra):
    """The form fields Twilio posts with every request of an inbound call."""
    state = call.state
    return {
        "CallSid": state["sid"],
        "AccountSid": call.line.account_sid,
        "From": state["caller"],
        "To": state["callee"],
        "Caller": state["caller"],
        "Called": state["callee"],
        "CallStatus": "in-progress",
        "Direction": "inbound",
        "ApiVersion": API_VERSION,
        **extra,
    }


def fetch(call, url, method, extra):
    """Request `url` and return the verbs it answers; HotlineError or TwimlError if it cannot be run."""
    call.state["last_url"] = url
    status, content_type, body = send(call, url, method, extra)
    if status != 200:
        key = "http.signature" if status == 403 else "http.status"
        raise HotlineError(key, method=method, url=url, status=status)
    try:
        verbs = jambonz.parse(body, content_type) if call.line.dialect == "jambonz" else parse(body, content_type)
    except TwimlError as exc:
        raise TwimlError("document", method=method, url=url, problem=exc.kept()) from None
    if content_type.split(";")[0].strip().lower() == "text/html":
        note(call, "note.html", url=url)
    return verbs


def send(call, url, method, extra):
    """One request, signed and shaped as the line's dialect sends it: (status, content type, body)."""
    form = params(call, **extra)
    gathered = call.state.pop("gathered", False)
    if call.line.dialect == "jambonz":  # jambonz always POSTs JSON
        body, headers = jambonz.encode(form, call.line.token, gathered=gathered)
        call.state["requests"] += 1
        return call.line.transport.request("POST", url, body, headers)
    if method == "GET":
        url = url + ("&" if urlsplit(url).query else "?") + urlencode(form)
        form = {}
    headers = {}
    if call.line.token:
        headers["X-Twilio-Signature"] = RequestValidator(call.line.token).compute_signature(url, form)
    call.state["requests"] += 1
    return call.line.transport.request(method, url, form, headers)


def end(call, reason, status="completed"):
    """`reason`: why, as a key of words.py's end.* (caller, hotline, rejected, ran_out, error)."""
    if call.state["ended"]:
        return
    call.state["ended"], call.state["pending"] = True, None
    call.events.append({"type": "end", "reason": reason})
    if call.line.status_url:
        post_status(call, status)


def post_status(call, status):
    started = datetime.fromisoformat(call.state["started_at"])
    # Whole seconds rounded up, as a phone bill counts them: a call that happened lasted at least 1 s
    # (rounded down, every scripted call lasted 0 s and so did the dashboard's average).
    seconds = max(1, math.ceil((call.line.clock() - started).total_seconds()))
    url = urljoin(call.line.url, call.line.status_url)
    try:
        code, _, _ = send(call, url, "POST", {"CallStatus": status, "CallDuration": str(seconds)})
    except HotlineError as exc:
        code = exc.kept()  # said in the reader's language, like any problem
    if code != 200:
        note(call, "note.status_refused", url=url, code=code)


def note(call, key, **values):
    """A line in the transcript from the softphone itself (words.py's note.*), not from the hotline."""
    call.events.append({"type": "note", "note": {"key": key, "values": values}})
