"""The engine's side of the operator queue for tests: the wait URL, a key while waiting, the operator
line taking the caller (<Dial><Queue url>, or jambonz's dequeue) and the <Enqueue action> when they
leave. jambonz documents are read as the TwiML they stand for (tests/plugins/phone.py)."""

import itertools
from urllib.parse import urljoin

from werkzeug.security import generate_password_hash

from ivr.store import Operator, OperatorLine
from tests.support.known import OPERATOR_PHONE, OPERATOR_PIN, QUEUE
from tests.support.phone import call_form

_agents = itertools.count(1)
PRIORITY = QUEUE + "-priority"  # the queue of callers aged 65 or over
YOUNGER = "+8613700137000"  # Wang's mobile (tests/support/known.py): born 1990, no priority


def said(root):
    return " ".join("".join(v.itertext()) for v in root.iter("Say"))


# jambonz's dequeue actionHook says how the operator's side ended in its own words.
DEQUEUE_RESULTS = {"completed": "complete", "no-answer": "timeout", "canceled": "hangup", "failed": "error"}


def fetch(phone, url, params):
    """The engine posts; the reply as a <Response> element."""
    return phone.fetch(url, params)[1]


def queue_wait(call, position=1, waited=0, average=60):
    """Twilio requests the wait URL: what the waiting caller hears, and the root."""
    wait_url, _, _ = call.enqueued
    root = fetch(
        call.phone,
        wait_url,
        call.params(
            QueuePosition=str(position),
            QueueTime=str(waited),
            AvgQueueTime=str(average),
            CurrentQueueSize=str(position),
            QueueSid="QU" + "1" * 32,
        ),
    )
    call.wait_root = root
    return said(root)


def press_while_waiting(call, keys):
    """A key into the wait music's <Gather>: True if the hotline answered <Leave>."""
    gather = call.wait_root.find("Gather")
    assert gather is not None, "the wait music does not listen for keys"
    action = urljoin(call.enqueued[0], gather.get("action"))
    root = fetch(call.phone, action, call.params(Digits=keys, QueueSid="QU" + "1" * 32))
    return root.find("Leave") is not None


def ask_for_a_callback_while_waiting(call):
    """The waiting caller asks for a call back. Twilio's wait music hears their 1; jambonz's hears no
    keys, so its round ends with `leave` and the caller keys 1 into the question they step out to."""
    if call.phone.engine == "twilio":
        assert press_while_waiting(call, "1")
        return leave_queue(call, "leave")
    assert call.wait_root.find("Leave") is not None, "the wait does not step out to ask"
    leave_queue(call, "leave")
    assert call.action and "/voice/queue/stay" in call.action, "stepped out to no question"
    return call.press("1")


def leave_queue(call, result, **extra):
    """Twilio requests the <Enqueue action> (QueueResult says how the caller left) and the call goes on."""
    _, action, _ = call.enqueued
    call.turn_start = len(call.transcript)
    call._fetch(action, call.params(QueueResult=result, QueueSid="QU" + "1" * 32, QueueTime="42", **extra))
    return call


def desk_operator(session, name="hua", phone=OPERATOR_PHONE):
    """An operator whose desk phone is registered with OPERATOR_PIN, added to `session` (not
    committed); the operator's id."""
    operator = Operator(name=name, role="operator", password_hash="x")
    session.add(operator)
    session.flush()
    session.add(operator_line(phone, operator.id))
    return operator.id


def operator_line(phone, operator_id, pin=OPERATOR_PIN):
    """A registered desk phone with its PIN (hashed as `flask --app app operator-line` does)."""
    return OperatorLine(
        phone=phone, operator_id=operator_id, pin_hash=generate_password_hash(pin, "pbkdf2:sha256:1000")
    )


class AgentLine:
    """An operator's phone calling the agent line; it keys `pin` when asked for one."""

    def __init__(self, phone, caller=OPERATOR_PHONE, pin=OPERATOR_PIN, **fields):
        self.phone, self.caller, self.pin, self.fields = phone, caller, pin, fields
        self.sid = f"CA{next(_agents) + 0xA0000:032x}"

    def params(self, **extra):
        return call_form(self.sid, self.caller, "+8610096199", **self.fields, **extra)

    def ring(self, url="/voice/agent"):
        """What the operator hears (the PIN keyed when asked), and the <Dial><Queue> (or None)."""
        self.raw, root = self.phone.fetch(url, self.params())
        heard = said(root)
        gather = root.find("Gather")
        if gather is not None and "/voice/agent/pin" in gather.get("action") and self.pin is not None:
            action = urljoin("http://localhost" + url, gather.get("action"))
            self.raw, root = self.phone.fetch(action, self.params(Digits=self.pin))
            heard += " " + said(root)
        self.root = root
        return heard, root.find("Dial")

    def key(self, keys):
        """Key `keys` into what the line last asked (<Gather action>): what it hears, and the <Dial>."""
        action = urljoin("http://localhost/voice/agent", self.root.find("Gather").get("action"))
        self.raw, self.root = self.phone.fetch(action, self.params(Digits=keys))
        return said(self.root), self.root.find("Dial")

    def take(self, call):
        """The engine hands `call` to this line: Twilio runs the <Queue url> on the caller's side
        (what they hear); jambonz has none, and the caller hears nothing before the operator."""
        queue = self.root.find("Dial").find("Queue")
        if queue.get("url") is None:
            return ""
        url = urljoin("http://localhost/voice/agent", queue.get("url"))
        params = call.params(QueueSid="QU" + "1" * 32, QueueTime="30", DequeingCallSid=self.sid)
        return said(fetch(self.phone, url, params))

    def hang_up(self, status="completed"):
        """The conversation ended: the <Dial action> of the operator line."""
        dial = self.root.find("Dial")
        action = urljoin("http://localhost/voice/agent", dial.get("action"))
        if dial.get("dequeue"):
            outcome = {"DequeueResult": DEQUEUE_RESULTS[status]}
        else:
            outcome = {"DialCallStatus": status, "DialCallDuration": "95"}
        self.raw, root = self.phone.fetch(action, self.params(**outcome))
        self.root = root
        return said(root)


def agent_line(phone, caller=OPERATOR_PHONE, pin=OPERATOR_PIN, **fields):
    """An operator's desk phone calling the agent line."""
    return AgentLine(phone, caller, pin, **fields)
