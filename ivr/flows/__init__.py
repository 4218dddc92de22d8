"""The call flows: every voice webhook (Twilio, SignalWire or jambonz) lives under /voice and is signature-checked."""

from flask import Blueprint

from ivr.flows import (
    agent,
    callback,
    cancel,
    identify,
    operator,
    outlets,
    preloss,
    progress,
    queue,
    rating,
    status,
    welcome,
)
from ivr.voice.signature import verify_signature


def voice_blueprint():
    """The /voice tree: one child Blueprint per flow, one signature check in front of them all."""
    voice = Blueprint("voice", __name__, url_prefix="/voice")
    voice.before_request(verify_signature)
    for flow in (
        welcome,
        identify,
        preloss,
        status,
        cancel,
        progress,
        outlets,
        operator,
        queue,
        agent,
        callback,
        rating,
    ):
        voice.register_blueprint(flow.bp)
    return voice
