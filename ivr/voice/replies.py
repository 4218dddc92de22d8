"""A reply sent in the dialect of the engine that asked: TwiML for Twilio and SignalWire, JSON verbs
for jambonz (ivr/voice/inbound.py tells which)."""

from flask import Response, current_app

from ivr.voice import inbound, jambonz


def render(reply):
    """The reply's document for this request's engine."""
    if inbound.engine() == inbound.JAMBONZ:
        return jambonz.render(
            reply.xml(), current_app.config, waiting=reply.waiting, dequeue_call_sid=reply.dequeue_call_sid
        )
    return reply.xml()


def respond(body):
    """A rendered (or stored) reply as the HTTP answer, with the content type its engine wants."""
    kind = jambonz.CONTENT_TYPE if inbound.engine() == inbound.JAMBONZ else "text/xml"
    return Response(body, status=200, content_type=f"{kind}; charset=utf-8")


def send(reply):
    """Render and answer in one step (views that keep no copy of their reply)."""
    return respond(render(reply))
