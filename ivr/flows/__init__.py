"""The call flows: every voice webhook (Twilio, SignalWire or jambonz) lives under /voice and is signature-checked.

Each step is `step(turn)` behind `voice_step` or `verified_step` (ivr/voice/webhook.py): it reads
the keys, words, query and settings from its Turn (ivr/voice/turns.py), writes through
`turn.session` and fills `turn.reply`; the runner reads the request and commits. Steps never read
Flask's globals or build SQL (tests/codebase/test_flows_read_their_turn.py, `.importlinter`)."""

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

FLOWS = (welcome, identify, preloss, status, cancel, progress, outlets, operator, queue, agent, callback, rating)


def voice_blueprint():
    """The /voice tree: one child Blueprint per flow, one signature check in front of them all."""
    voice = Blueprint("voice", __name__, url_prefix="/voice")
    voice.before_request(verify_signature)
    for flow in FLOWS:
        voice.register_blueprint(flow.bp)
    return voice
