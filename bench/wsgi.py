"""The hotline as production serves it, plus one bare endpoint for the load benchmark's baseline.

    gunicorn bench.wsgi:app     (settings from the environment, as in production)

`/bench/bare` answers any POST with the same fixed VoiceResponse (a Gather that posts back to
itself), built by the same Twilio library, in the same process and server: what a webhook costs
when it does nothing of the hotline's own.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from twilio.twiml.voice_response import Gather, VoiceResponse  # noqa: E402

from ivr import create_app  # noqa: E402
from ivr.console.security import csrf  # noqa: E402
from ivr.twiml import xml_response  # noqa: E402

app = create_app()


@app.post("/bench/bare")
@csrf.exempt  # like Twilio's webhooks: a machine posts here, not a console form
def bare():
    response = VoiceResponse()
    gather = Gather(input="dtmf", action="/bench/bare", method="POST", num_digits=1, timeout=8)
    gather.say("请按1。", language="cmn-CN", voice="Polly.Zhiyu")
    response.append(gather)
    response.redirect("/bench/bare", method="POST")
    return xml_response(str(response))
