"""What a voice webhook was told, whichever engine sent it.

Twilio (and SignalWire) post a form with Twilio's field names; jambonz posts JSON with its own
(docs.jambonz.org, "Webhooks": `call_sid`, `from`, `call_status`; gather's actionHook adds
`digits`, `reason` and, for speech, `speech.alternatives[0]` with its `transcript` and
`confidence`; dial's `dial_call_status`, enqueue's `queueResult`, `queueTime`,
`queuePosition`, `queueSize`, dequeue's `dequeueResult`). The flows ask for Twilio's names; a
jambonz request is read through the table below, so a flow never knows which engine it serves.
The engine is told by the body: JSON is jambonz, a form is Twilio's dialect. jambonz counts a
queue's head as position 0 (its waitHook's `queuePosition` is "the current zero-based position in
the queue", docs.jambonz.org, enqueue), Twilio as 1: read as Twilio's QueuePosition, it is one more.
"""

from flask import request

TWILIO, JAMBONZ = "twilio", "jambonz"

# Twilio's field name -> jambonz's, for the fields the flows read.
JAMBONZ_FIELDS = {
    "CallSid": "call_sid",
    "From": "from",
    "To": "to",
    "CallStatus": "call_status",
    "Digits": "digits",
    "CallDuration": "duration",
    "DialCallStatus": "dial_call_status",
    "QueueResult": "queueResult",
    "QueueTime": "queueTime",
    "QueuePosition": "queuePosition",
    "CurrentQueueSize": "queueSize",
}
# dequeue's actionHook (the operator line's side of a queue conversation) as a <Dial> outcome.
DEQUEUE_RESULTS = {"complete": "completed", "timeout": "no-answer", "hangup": "canceled", "error": "failed"}
MAX_FIELD = 256  # no field the flows read is longer; anything longer is not jambonz's
# What a recognizer heard: Twilio's names; jambonz nests them in `speech` (read by jambonz_speech).
SPEECH_FIELDS = ("SpeechResult", "Confidence")


def engine():
    """Which engine sent this request: its body says (JSON from jambonz, a form otherwise)."""
    return JAMBONZ if request.mimetype == "application/json" else TWILIO


def jambonz_payload():
    """The JSON object jambonz posted, {} when the body is not one."""
    payload = request.get_json(silent=True, cache=True)  # parsed once per request, kept by Flask
    return payload if isinstance(payload, dict) else {}


def field(name, default=""):
    """The request's field under Twilio's `name`, as text ("" when the engine did not send it)."""
    if engine() == TWILIO:
        return request.form.get(name, default)
    payload = jambonz_payload()
    if name in SPEECH_FIELDS:
        return jambonz_speech(payload)[SPEECH_FIELDS.index(name)]
    if name == "QueuePosition":
        return one_based(payload.get("queuePosition"))
    if name == "DialCallStatus" and "dequeueResult" in payload:
        return DEQUEUE_RESULTS.get(text(payload["dequeueResult"]), "failed")
    value = payload.get(JAMBONZ_FIELDS.get(name, ""))
    return default if value is None else text(value)


def jambonz_speech(payload):
    """(transcript, confidence) of jambonz's best alternative, ("", "") when it heard nothing."""
    speech = payload.get("speech")
    alternatives = speech.get("alternatives") if isinstance(speech, dict) else None
    best = alternatives[0] if isinstance(alternatives, list) and alternatives else None
    if not isinstance(best, dict):
        return "", ""
    confidence = best.get("confidence")
    number = isinstance(confidence, int | float) and not isinstance(confidence, bool)
    return text(best.get("transcript")), str(confidence) if number else ""


def one_based(position):
    """jambonz's zero-based queue position as Twilio's QueuePosition ("" when it sent none)."""
    if isinstance(position, bool) or not isinstance(position, int) or position < 0:
        return ""
    return str(position + 1)


def text(value):
    """A JSON scalar as the text a form would have carried; anything else is no answer."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return ""
    return str(value)[:MAX_FIELD]


def fields():
    """Every field the flows may read, under Twilio's names (what a retry is recognised by)."""
    if engine() == TWILIO:
        return sorted(request.form.items(multi=True))
    return sorted((name, field(name)) for name in (*JAMBONZ_FIELDS, *SPEECH_FIELDS) if field(name))
