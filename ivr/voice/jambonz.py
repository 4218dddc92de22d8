"""A reply in jambonz's dialect: the same reply the flows built, as jambonz JSON verbs.

The flows fill a Reply (ivr/voice/twiml.py), whose document is TwiML; this module is the one place
that says what each of its verbs is on jambonz (docs.jambonz.org, "Verbs"), so whatever a Reply
learns to say reaches both engines through it, and a verb it cannot map fails loudly in tests.

What differs (README, "Voice engines"):
- <Gather> becomes `gather` with `input: ["digits"]`; jambonz always posts its actionHook, with
  `reason: "timeout"` on silence, so Twilio's safety <Redirect> after it is reached only when that
  hook failed (see the fallback below). A <Gather input="dtmf speech"> listens for words too:
  `input: ["digits", "speech"]` and a `recognizer` (JAMBONZ_STT_VENDOR, the <Gather>'s language and
  hints); Twilio's speechModel and speechTimeout are Twilio's own and stay behind.
- `gather` holds one `say`: its prompts in one voice go as that say's `text` array, which jambonz
  synthesizes and plays one after another (feature-server lib/tasks/say.js), so each sentence stays
  its own utterance, as Twilio's <Say>s are; earlier prompts in another voice (the language menu)
  are said just before it.
- SSML inside a <Say> (<prosody rate>, <break>: the slower repeat, the slow reference) goes as a
  <speak> document in `text`, which jambonz hands to the TTS vendor as SSML.
- In a queue's waitHook jambonz allows only say, play, pause and leave: the wait music's key
  listening becomes its prompts and a pause as long as the listening. So that a waiting caller can
  still key 1 for a call back, the queue flow (ivr/flows/queue.py) ends each round after the first
  with `leave`; the enqueue's actionHook (queueResult "leave") then asks "1 for a call back, or stay
  on the line" in a `gather`, and staying `enqueue`s them again in the same stay of the hotline's
  own queue rows, which decide who is taken next (dequeue by callSid), so no place is lost. An
  operator line dequeuing them meanwhile waits for them (jambonz's dequeue polls until its timeout,
  longer than the question). jambonz's `queuePosition` is zero-based (ivr/voice/inbound.py).
- <Dial><Queue> becomes `dequeue` (with a beep for the operator) of the very caller the operator
  line announced (`callSid`); jambonz has no <Queue url>, so the caller hears no "connecting"
  before the operator answers, and the operator is recorded on the stay as that dequeue goes out
  (ivr/operators/queue.py `taking`), forgotten if the stay ends unanswered.
- jambonz has no fallback URL. When a verb's actionHook cannot be reached or answers with something
  that is not a valid application, jambonz logs it and goes on with the next verb of the document it
  is running (feature-server lib/tasks/gather.js `_resolve`, lib/session/call-session.js `exec`);
  when the hook answers, its verbs replace the rest. So a document that waits on a hook ends with
  the fallback's words (`with_fallback`): said only when the hotline failed, as Twilio's Fallback URL
  would. Twilio's safety <Redirect> after a <Gather> is that spot, and becomes those words.
"""

import json
import xml.etree.ElementTree as ET

CONTENT_TYPE = "application/json"
WAIT_VERBS = {"say", "play", "pause", "leave"}  # what jambonz allows in an enqueue waitHook


class UnmappedVerb(ValueError):
    """The reply holds a TwiML verb this dialect has no mapping for (add it here)."""


def render(twiml, config, *, waiting=False, dequeue_call_sid=None, fallback=None):
    """The jambonz application (a JSON array of verbs) for a TwiML document; `fallback`: the TwiML of
    what to say if a hook it waits on fails (with_fallback)."""
    document = verbs(twiml, config, waiting=waiting, dequeue_call_sid=dequeue_call_sid)
    if fallback is not None and not waiting:
        document = with_fallback(document, verbs(fallback, config))
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def verbs(twiml, config, *, waiting=False, dequeue_call_sid=None):
    """`dequeue_call_sid`: the caller a <Dial><Queue> means, which jambonz can take by id."""
    root = ET.fromstring(twiml)
    out = []
    for verb in root:
        out.extend(convert(verb, config, waiting))
    for verb in out:
        if verb["verb"] == "dequeue" and dequeue_call_sid:
            verb["callSid"] = dequeue_call_sid
    if waiting:
        refused = sorted({v["verb"] for v in out} - WAIT_VERBS)
        if refused:
            raise UnmappedVerb(f"jambonz allows only say, play, pause and leave while queued, not {refused}")
    return out


HOOKED = {"gather", "enqueue", "dequeue", "dial"}  # verbs whose actionHook replaces the rest


def with_fallback(document, fallback):
    """`document` ending with `fallback` (verbs) when it waits on a hook; a safety redirect after a gather
    (reached on jambonz only when the gather's hook failed) gives way to it."""
    ends = len(document)
    while ends and document[ends - 1]["verb"] == "redirect" and ends >= 2 and document[ends - 2]["verb"] == "gather":
        ends -= 1
    if not ends or document[ends - 1]["verb"] not in HOOKED:
        return document
    return [*document[:ends], *fallback]


def convert(verb, config, waiting):
    """The jambonz verbs for one TwiML verb."""
    name = verb.tag
    if name == "Say":
        return [say(verb, config)]
    if name == "Pause":
        return [{"verb": "pause", "length": int(verb.get("length", "1"))}]
    if name == "Hangup":
        return [{"verb": "hangup"}]
    if name == "Leave":
        return [{"verb": "leave"}]
    if name == "Redirect":
        return [{"verb": "redirect", "actionHook": verb.text.strip()}]
    if name == "Gather":
        return gather(verb, config, waiting)
    if name == "Enqueue":
        return [{"verb": "enqueue", "name": verb.text.strip(), **hooks(verb, actionHook="action", waitHook="waitUrl")}]
    if name == "Dial":
        return [dial(verb)]
    raise UnmappedVerb(f"<{name}> has no jambonz verb here")


def say(verb, config):
    """A `say` in the voice the reply chose; SSML inside <Say> goes as a <speak> document."""
    return {"verb": "say", "text": spoken(verb), "synthesizer": synthesizer(verb.get("language"), config)}


def spoken(verb):
    if not len(verb):
        return (verb.text or "").strip()
    inner = (verb.text or "") + "".join(ET.tostring(child, encoding="unicode") for child in verb)
    return f"<speak>{inner}</speak>"


def synthesizer(language, config):
    """The configured text-to-speech vendor and voice for the <Say language> Twilio would use."""
    suffix = "ZH" if (language or "").lower().startswith(("cmn", "zh")) else "EN"
    return {
        "vendor": config["JAMBONZ_TTS_VENDOR"],
        "language": config[f"JAMBONZ_TTS_LANGUAGE_{suffix}"],
        "voice": config[f"JAMBONZ_TTS_VOICE_{suffix}"],
    }


def gather(verb, config, waiting):
    prompts = [say(inner, config) if inner.tag == "Say" else convert(inner, config, waiting)[0] for inner in verb]
    if waiting:
        # No gather in a waitHook: the prompts, then the listening time as quiet.
        return [*prompts, {"verb": "pause", "length": int(verb.get("timeout", "5"))}]
    before, last = joined(prompts)
    collect = {
        "verb": "gather",
        "input": ["digits"],
        "actionHook": verb.get("action"),
        "timeout": int(verb.get("timeout", "5")),
        "dtmfBargein": True,
    }
    if "speech" in verb.get("input", "dtmf").split():
        collect["input"] = ["digits", "speech"]
        collect["bargein"] = True  # words stop the prompt, as keys do (Twilio's bargeIn default)
        collect["recognizer"] = recognizer(verb, config)
    if verb.get("numDigits"):
        collect["numDigits"] = int(verb.get("numDigits"))
    finish = verb.get("finishOnKey", "#")  # Twilio's default; jambonz has none
    if finish:
        collect["finishOnKey"] = finish
    if last is not None:
        collect["say"] = {k: v for k, v in last.items() if k != "verb"}
    return [*before, collect]


def recognizer(verb, config):
    """jambonz's speech recognizer for a <Gather> that listens for words: its language and hints."""
    hints = [hint for hint in (verb.get("hints") or "").split(",") if hint]
    return {"vendor": config["JAMBONZ_STT_VENDOR"], "language": verb.get("language"), "hints": hints}


def sentences(text):
    """A say's text as a list of what it says in turn."""
    return text if isinstance(text, list) else [text]


def joined(prompts):
    """(verbs said before the gather, the one `say` inside it): prompts in one voice become one say,
    each sentence an item of its `text` array (jambonz says them in turn)."""
    before, last = [], None
    for prompt in prompts:
        if prompt["verb"] != "say":
            before.extend([last] if last else [])
            before.append(prompt)
            last = None
        elif last is not None and last["synthesizer"] == prompt["synthesizer"]:
            last = {**last, "text": [*sentences(last["text"]), prompt["text"]]}
        else:
            before.extend([last] if last else [])
            last = prompt
    return before, last


def dial(verb):
    """<Dial><Number> rings a phone; <Dial><Queue> takes the caller at the head of the queue."""
    queue = verb.find("Queue")
    timeout = int(verb.get("timeout", "30"))
    if queue is not None:
        return {"verb": "dequeue", "name": queue.text.strip(), "beep": True, "timeout": timeout, **hooks(verb)}
    targets = [{"type": "phone", "number": number.text.strip()} for number in verb.findall("Number")]
    if not targets:
        raise UnmappedVerb("<Dial> here only calls <Number> or <Queue>")
    return {"verb": "dial", "target": targets, "timeout": timeout, **hooks(verb)}


def hooks(verb, **names):
    """jambonz hook properties from TwiML URL attributes (both engines post)."""
    names = names or {"actionHook": "action"}
    return {hook: verb.get(attribute) for hook, attribute in names.items() if verb.get(attribute)}
