"""Twilio's SMS webhooks: delivery status of what we sent, and texts cardholders send us."""

import logging

from flask import Blueprint, current_app, request
from twilio.twiml.messaging_response import MessagingResponse

from ivr.calendar import clock
from ivr.messaging.inbound import answer_inbound, answer_text, record_status
from ivr.platform.row_ids import row_id
from ivr.store import db
from ivr.voice.signature import verify_twilio_signature
from ivr.voice.twiml import xml_response

bp = Blueprint("sms", __name__, url_prefix="/sms")
bp.before_request(verify_twilio_signature)
log = logging.getLogger(__name__)


@bp.post("/status")
def status():
    """StatusCallback: the message id we gave Twilio rides in the URL as ?m=.

    An id no message can have is taken like an unknown message's: quietly, Twilio has nothing to fix.
    """
    given = request.args.get("m")
    message_id = row_id(given)
    if given and message_id is None:
        return "", 204
    recorded = record_status(
        db.session,
        message_id,
        sid=request.form.get("MessageSid", "")[:64],
        status=request.form.get("MessageStatus", ""),
        error_code=request.form.get("ErrorCode", "")[:10],
        now=clock.now(),
    )
    db.session.commit()
    return ("", 204) if recorded or message_id else ({"error": "missing message id ?m="}, 400)


@bp.post("/incoming")
def incoming():
    """STOP / 退订, START, HELP: answered with a TwiML <Message>."""
    answer = answer_inbound(db.session, request.form.get("From", ""), request.form.get("Body", ""), now=clock.now())
    db.session.commit()
    reply = MessagingResponse()
    reply.message(answer_text(answer, current_app.config))
    return xml_response(str(reply))
