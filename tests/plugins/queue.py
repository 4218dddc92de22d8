"""Twilio's side of the operator queue for tests: the wait URL, a key while waiting, the operator
line taking the caller (<Dial><Queue url>) and the <Enqueue action> when they leave."""

import itertools
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

from tests.plugins import helper_fixtures
from tests.plugins.phone import call_form
from tests.support.known import OPERATOR_PHONE

_agents = itertools.count(1)


def said(root):
    return " ".join("".join(v.itertext()) for v in root.iter("Say"))


def xml(response):
    assert response.status_code == 200 and response.content_type.startswith("text/xml"), response.data
    return ET.fromstring(response.data)


def queue_wait(call, position=1, waited=0, average=60):
    """Twilio requests the wait URL: what the waiting caller hears, and the root."""
    wait_url, _, _ = call.enqueued
    root = xml(
        call.phone.post(
            wait_url,
            call.params(
                QueuePosition=str(position),
                QueueTime=str(waited),
                AvgQueueTime=str(average),
                CurrentQueueSize=str(position),
                QueueSid="QU" + "1" * 32,
            ),
        )
    )
    call.wait_root = root
    return said(root)


def press_while_waiting(call, keys):
    """A key into the wait music's <Gather>: True if the hotline answered <Leave>."""
    gather = call.wait_root.find("Gather")
    assert gather is not None, "the wait music does not listen for keys"
    action = urljoin(call.enqueued[0], gather.get("action"))
    root = xml(call.phone.post(action, call.params(Digits=keys, QueueSid="QU" + "1" * 32)))
    return root.find("Leave") is not None


def leave_queue(call, result, **extra):
    """Twilio requests the <Enqueue action> (QueueResult says how the caller left) and the call goes on."""
    _, action, _ = call.enqueued
    call.turn_start = len(call.transcript)
    call._fetch(action, call.params(QueueResult=result, QueueSid="QU" + "1" * 32, QueueTime="42", **extra))
    return call


class AgentLine:
    """An operator's phone calling the agent line."""

    def __init__(self, phone, caller=OPERATOR_PHONE):
        self.phone, self.caller = phone, caller
        self.sid = f"CA{next(_agents) + 0xA0000:032x}"

    def params(self, **extra):
        return call_form(self.sid, self.caller, "+8610096199", **extra)

    def ring(self, url="/voice/agent"):
        """What the operator hears, and the <Dial><Queue> (or None)."""
        root = xml(self.phone.post(url, self.params()))
        self.root = root
        return said(root), root.find("Dial")

    def take(self, call):
        """Twilio hands `call` to this line: the <Queue url> runs on the caller's side."""
        queue = self.root.find("Dial").find("Queue")
        url = urljoin("http://localhost/voice/agent", queue.get("url"))
        root = xml(
            self.phone.post(url, call.params(QueueSid="QU" + "1" * 32, QueueTime="30", DequeingCallSid=self.sid))
        )
        return said(root)

    def hang_up(self, status="completed"):
        """The conversation ended: the <Dial action> of the operator line."""
        action = urljoin("http://localhost/voice/agent", self.root.find("Dial").get("action"))
        root = xml(self.phone.post(action, self.params(DialCallStatus=status, DialCallDuration="95")))
        self.root = root
        return said(root)


def agent_line(phone, caller=OPERATOR_PHONE):
    """An operator's desk phone calling the agent line."""
    return AgentLine(phone, caller)


globals().update(helper_fixtures(queue_wait, press_while_waiting, leave_queue, agent_line))
