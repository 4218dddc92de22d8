"""Twilio's call queues for the softphone: <Enqueue> with its wait URL, <Leave>, and an operator's
<Dial><Queue url> taking the caller who has waited longest, both sides played offline.

Calls that share a Switchboard (pass the same one to both Lines) can meet in a queue; each call's
queue state stays plain JSON in its own state dict.
"""

import hashlib
from urllib.parse import urljoin

from ivr.softphone.twiml import TwimlError
from ivr.softphone.words import Refused

WAIT_STEP_SECONDS = 30  # how long one turn of the wait music lasts, for QueueTime
WHISPER_VERBS = {"Say", "Play", "Pause", "Redirect"}  # Twilio's allowed verbs in a <Queue url> document


class Switchboard:
    """Queues of waiting calls by name, and the calls themselves by CallSid (one process)."""

    def __init__(self):
        self.queues, self.calls = {}, {}

    def join(self, name, call):
        self.calls[call.state["sid"]] = call
        self.queues.setdefault(name, []).append(call.state["sid"])

    def remove(self, name, sid):
        if sid in self.queues.get(name, []):
            self.queues[name].remove(sid)

    def position(self, name, sid):
        waiting = self.queues.get(name, [])
        return (waiting.index(sid) + 1 if sid in waiting else 0), len(waiting)

    def take(self, name, sid=None):
        """The call that has waited longest in `name` (or the call `sid`), out of the queue, or None."""
        waiting = self.queues.get(name, [])
        if sid is not None:
            if sid not in waiting:
                return None
            waiting.remove(sid)
            return self.calls.get(sid)
        return self.calls.get(waiting.pop(0)) if waiting else None

    def register(self, call):
        self.calls[call.state["sid"]] = call

    def get(self, sid):
        return self.calls.get(sid)


def queue_sid(name):
    return "QU" + hashlib.sha256(name.encode()).hexdigest()[:32]


def enqueue(call, verb, document):
    """The caller joins the queue; the first hop is the wait URL (Twilio's hold music if none)."""
    name = (verb.text or "").strip()
    call.line.switchboard.join(name, call)
    call.state["queue"] = {
        "name": name,
        "waited": 0,
        "bridged_to": None,
        "joined": call.line.clock().isoformat(),
        "wait_url": urljoin(document, verb.get("waitUrl")) if verb.get("waitUrl") else None,
        "wait_method": verb.get("waitUrlMethod", "POST").upper(),
        "action": urljoin(document, verb.get("action")) if verb.get("action") else None,
        "method": verb.get("method", "POST").upper(),
    }
    call.events.append({"type": "enqueued", "queue": name})
    return wait_hop(call)


def wait_hop(call):
    """Twilio requests the wait URL with the caller's place and times (None: hold music, no URL)."""
    queue = call.state["queue"]
    if not queue["wait_url"]:
        call.events.append({"type": "note", "note": {"key": "note.hold_music"}})
        return None
    position, size = call.line.switchboard.position(queue["name"], call.state["sid"])
    extra = {
        "QueueSid": queue_sid(queue["name"]),
        "QueuePosition": str(position),
        "CurrentQueueSize": str(size),
        "QueueTime": str(queue["waited"]),
        "AvgQueueTime": str(queue["waited"]),
    }
    return "fetch", queue["wait_url"], queue["wait_method"], extra


def wait(call):
    """Another stretch of waiting: the wait URL is played again, ~30 s later."""
    queue = call.state.get("queue")
    if call.state["ended"] or not queue or queue["bridged_to"]:
        raise Refused("refused.not_queued")
    queue["waited"] += WAIT_STEP_SECONDS
    call.state["pending"] = None
    return wait_hop(call)


def leave(call):
    """<Leave>: out of the queue; Twilio requests the <Enqueue action> with QueueResult=leave."""
    queue = call.state.get("queue")
    if not queue:
        raise TwimlError("twiml.leave")
    return left(call, "leave")


def left(call, result):
    queue, call.state["queue"] = call.state["queue"], None
    call.line.switchboard.remove(queue["name"], call.state["sid"])
    call.events.append({"type": "dequeued", "queue": queue["name"], "result": result})
    if not queue["action"]:
        return None
    extra = {"QueueResult": result, "QueueSid": queue_sid(queue["name"]), "QueueTime": str(queue["waited"])}
    return "fetch", queue["action"], queue["method"], extra


def dial_queue(call, verb, document):
    """The operator's <Dial><Queue>: take the longest-waiting caller, run the <Queue url> on their side."""
    noun = verb.find("Queue")
    name = (noun.text or "").strip()
    caller = call.line.switchboard.take(name, verb.get("callSid"))
    action = urljoin(document, verb.get("action")) if verb.get("action") else None
    if caller is None:
        call.events.append({"type": "dial", "number": f"queue {name}", "status": "no-answer"})
        outcome = {"DequeueResult": "timeout"} if verb.get("dequeue") else {"DialCallStatus": "no-answer"}
        return ("fetch", action, verb.get("method", "POST").upper(), outcome) if action else None
    call.line.switchboard.register(call)
    if noun.get("url"):
        extra = {
            "QueueSid": queue_sid(name),
            "QueueTime": str(caller.state["queue"]["waited"]),
            "DequeingCallSid": call.state["sid"],
        }
        caller.whisper(urljoin(document, noun.get("url")), noun.get("method", "POST").upper(), extra)
    caller.state["queue"]["bridged_to"] = call.state["sid"]
    caller.state["pending"] = None
    caller.events.append({"type": "connected", "to": "operator", "queue": name})
    call.state["bridge"] = {
        "with": caller.state["sid"],
        "action": action,
        "method": verb.get("method", "POST").upper(),
        "dequeue": bool(verb.get("dequeue")),  # jambonz's dequeue reports its own result
    }
    call.events.append({"type": "connected", "to": caller.state["caller"], "queue": name})
    return None


def check_whisper(verbs):
    for verb in verbs:
        if verb.tag not in WHISPER_VERBS:
            raise TwimlError("twiml.whisper", verb=verb.tag)


def hang_up_bridged(call):
    """One side of a queue conversation hangs up: the other side's TwiML goes on, as Twilio does."""
    bridge, queue = call.state.get("bridge"), call.state.get("queue")
    if bridge:  # the operator hung up: the caller's <Enqueue action> is requested (bridged)
        call.state["bridge"] = None
        caller = call.line.switchboard.get(bridge["with"])
        if caller is not None and not caller.ended and caller.state.get("queue"):
            caller.resume(left(caller, "bridged"))
    elif queue and queue["bridged_to"]:  # the caller hung up: the operator's <Dial action> is requested
        operator = call.line.switchboard.get(queue["bridged_to"])
        call.state["queue"] = None
        if operator is not None and not operator.ended and operator.state.get("bridge"):
            bridge, operator.state["bridge"] = operator.state["bridge"], None
            if bridge["action"]:
                outcome = {"DequeueResult": "complete"} if bridge.get("dequeue") else {"DialCallStatus": "completed"}
                operator.resume(("fetch", bridge["action"], bridge["method"], outcome))
    elif queue:  # hung up while waiting
        left(call, "hangup")  # Twilio requests the action too, but nobody hears its TwiML
