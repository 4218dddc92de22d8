"""The hotline as production serves it, plus two baselines for the load benchmark.

    gunicorn bench.wsgi:app     (settings from the environment, as in production)

Both answer any POST with the same fixed VoiceResponse (a Gather that posts back to itself), built
by the same Twilio library, in the same process and server:

- `/bench/bare`: what a webhook costs when it does nothing of the hotline's own.
- `/bench/floor`: the least a webhook does when its call's state lives in the database by CallSid,
  as every step's must (several web hosts answer one call): the call's row locked (made on the
  first ring), its turn and reply written, one commit, through the hotline's own session and
  `ivr/voice/calls.py`. The hotline's steps do this and their own work besides, so the floor's
  throughput is the most they could reach on the same machine.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from flask import request  # noqa: E402
from twilio.twiml.voice_response import Gather, VoiceResponse  # noqa: E402

from ivr import create_app  # noqa: E402
from ivr.calendar import clock
from ivr.console.security import csrf  # noqa: E402
from ivr.store import db  # noqa: E402
from ivr.voice import calls
from ivr.voice.twiml import xml_response  # noqa: E402

app = create_app()


def fixed_reply(path):
    response = VoiceResponse()
    gather = Gather(input="dtmf", action=path, method="POST", num_digits=1, timeout=8)
    gather.say("请按1。", language="cmn-CN", voice="Polly.Zhiyu")
    response.append(gather)
    response.redirect(path, method="POST")
    return str(response)


@app.post("/bench/bare")
@csrf.exempt  # like Twilio's webhooks: a machine posts here, not a console form
def bare():
    return xml_response(fixed_reply("/bench/bare"))


@app.post("/bench/floor")
@csrf.exempt
def floor():
    session = db.session
    call = calls.start(session, request.form.get("CallSid", ""), request.form.get("From", ""), clock.now())
    call.turn += 1
    call.last_reply = fixed_reply("/bench/floor")
    calls.write_held(session)  # as the step runner does before its commit (ivr/voice/webhook.py)
    session.commit()
    return xml_response(call.last_reply)
