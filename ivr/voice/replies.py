"""A reply sent in the dialect of the engine that asked: TwiML for Twilio and SignalWire, JSON verbs
for jambonz (ivr/voice/inbound.py tells which)."""

from flask import Response, current_app

from ivr.voice import inbound, jambonz
from ivr.voice.twiml import Reply


def render(reply):
    """The reply's document for this request's engine."""
    if inbound.engine() == inbound.JAMBONZ:
        return jambonz.render(
            reply.xml(),
            current_app.config,
            waiting=reply.waiting,
            dequeue_call_sid=reply.dequeue_call_sid,
            fallback=fallback(reply.language).xml(),
        )
    return reply.xml()


def fallback(language):
    """What a caller hears when the hotline failed to answer (Twilio's Fallback URL, /voice/fallback, says
    the same): sorry, nothing changed, here is what to do instead; then the end of the call."""
    return Reply(language).say("common.system_error").hangup()


def respond(body):
    """A rendered (or stored) reply as the HTTP answer, with the content type its engine wants."""
    kind = jambonz.CONTENT_TYPE if inbound.engine() == inbound.JAMBONZ else "text/xml"
    return Response(body, status=200, content_type=f"{kind}; charset=utf-8")


def send(reply):
    """Render and answer in one step (views that keep no copy of their reply)."""
    return respond(render(reply))
