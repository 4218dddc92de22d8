"""Posting signed webhooks as Twilio would, and judging what a caller would hear from the answer."""

import xml.etree.ElementTree as ET

from werkzeug.datastructures import MultiDict

from ivr.store import db
from tests.support.known import TOKEN

# Twilio's queue: an empty document on the wait key goes back to the wait URL, and on the <Queue url>
# lets the bridge go ahead; a way forward there is Twilio's own.
QUEUE_HOOKS = ("/voice/queue/wait", "/voice/queue/wait/key", "/voice/queue/connect")


def post_signed(phone, route, turn, form, repeated=(), *, sign=True):
    """Post `form` (plus `repeated` second copies of some fields), signed over what the app validates."""
    url = route + (f"?t={turn}" if turn is not None else "")
    return post_url(phone, url, form, repeated, sign=sign)


def post_url(phone, url, form, repeated=(), *, sign=True):
    headers = {}
    if sign:
        from twilio.request_validator import RequestValidator

        headers["X-Twilio-Signature"] = RequestValidator(TOKEN).compute_signature("http://localhost" + url, form)
    body = MultiDict(list(form.items()) + list(repeated))
    return phone.client.post(url, data=body, headers=headers)


def way_forward(root):
    """A caller is never left in silence: asked for keys, sent on, put through, or told and hung up."""
    tags = [verb.tag for verb in root]
    if {"Gather", "Redirect", "Dial"} & set(tags):
        return True
    return "Hangup" in tags and "Say" in tags


def check_voice_answer(route, response):
    assert response.status_code == 200, (route, response.status_code, response.data[:300])
    assert response.content_type.startswith("text/xml"), route
    root = ET.fromstring(response.data)
    assert root.tag == "Response"
    if route != "/voice/status" and route not in QUEUE_HOOKS:  # status: heard by nobody; queue: above
        assert way_forward(root), (route, response.data[:500])
    for say in root.iter("Say"):
        assert say.get("language") and "".join(say.itertext()).strip(), response.data[:300]
    for element in root.iter():
        for attr in ("action",):
            if element.get(attr):
                assert element.get(attr).startswith("/voice/"), element.get(attr)


def sms_post(phone, route, message_id, form):
    return post_url(phone, route + (f"?m={message_id}" if message_id is not None else ""), form)


def stored_state(app, check):
    with app.app_context(), db.new_session() as session:
        check(session)
