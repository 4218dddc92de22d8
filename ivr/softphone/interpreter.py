"""The TwiML interpreter: runs a document's verbs as Twilio does, until the caller's turn, the end,
or a request, and follows the requests they lead to (redirects, actions) to the next document."""

from urllib.parse import urljoin

from ivr.softphone import gather, queues
from ivr.softphone.line import HotlineError
from ivr.softphone.twiml import heard
from ivr.softphone.webhooks import end, fetch

MAX_HOPS = 25  # requests in a row without the caller keying anything: a redirect loop


def turn(call, url, method, extra):
    follow(call, ("fetch", url, method, extra))


def follow(call, hop):
    """Request `hop` (("fetch", url, method, extra) or None), run what it answers, and so on."""
    hops = 0
    while hop is not None:
        hops += 1
        if hops > MAX_HOPS:
            raise HotlineError("http.loop", hops=MAX_HOPS)
        _, url, method, extra = hop
        verbs = fetch(call, url, method, extra)
        hop = run(call, verbs, url)


def run(call, verbs, document):
    """Run verbs until the caller's turn, the end, or a request: then return ("fetch", ...)."""
    for index, verb in enumerate(verbs):
        name = verb.tag
        if name == "Gather":
            for inner in verb:
                speak(call, inner, document)
            call.state["pending"] = gather.open_gather(verb, document, verbs[index + 1 :])
            return None
        if name == "Redirect":
            return "fetch", urljoin(document, verb.text.strip()), method_of(verb), {}
        if name == "Enqueue":
            return queues.enqueue(call, verb, document)
        if name == "Leave":
            return queues.leave(call)
        if name == "Dial" and verb.find("Queue") is not None:
            return queues.dial_queue(call, verb, document)
        if name == "Dial":
            hop = dial(call, verb, document)
            if hop is not None:
                return hop
            continue
        if name == "Hangup":
            end(call, "hotline")
            return None
        if name == "Reject":
            end(call, "rejected", status="busy" if verb.get("reason") == "busy" else "no-answer")
            return None
        speak(call, verb, document)
    if call.state.get("queue") or call.state.get("bridge"):
        return None  # in a queue the caller waits on (wait()); an operator line is talking
    end(call, "ran_out")
    return None


def dial(call, verb, document):
    """A <Dial> to a number: the softphone connects no one, and says so with the line's dial status."""
    status = call.line.dial_status
    number = " ".join(t.strip() for t in verb.itertext() if t.strip())
    call.events.append({"type": "dial", "number": number, "status": status})
    if not verb.get("action"):
        return None  # Twilio goes on with the verbs after the <Dial>
    extra = {"DialCallStatus": status, "DialCallDuration": "0"}
    return "fetch", urljoin(document, verb.get("action")), method_of(verb), extra


def speak(call, verb, document):
    """A verb the caller hears (<Say>, <Play>, <Pause>...): into the transcript."""
    event = heard(verb, document)
    if event["type"] == "say":
        call.state["language"] = event["language"]
    call.events.append(event)


def method_of(verb):
    return verb.get("method", "POST").upper()
